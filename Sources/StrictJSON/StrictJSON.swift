// Placeholder: the JSON core lands with issue 4.
