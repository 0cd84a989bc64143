// Placeholder: Deeploy's rules land with issues 3, 5 and 6.
