// deeploy-gateway: the validating reverse proxy. The command is GatewayCommand; the server is
// assembled in GatewayServer, so that tests can import both.
await GatewayCommand.parseAndRun()
