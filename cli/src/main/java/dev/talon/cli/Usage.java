package dev.talon.cli;

/** The {@code talon help} text; it covers the {@code gateway} commands that {@code bin/talon} runs itself. */
final class Usage {
    private Usage() {}

    static final String TEXT = """
            Usage: talon <command> [options]

            Gateway process (handled by bin/talon):
              gateway run [--port N] [--bind HOST] [--token T]
                                     run the gateway in the foreground (logs on stdout)
              gateway start [--port N] [--bind HOST] [--token T]
                                     start it in the background and wait until /healthz answers
              gateway stop           stop the background gateway (SIGTERM, SIGKILL after 20 s)
              gateway restart [...]  stop, then start
              gateway status         is a gateway running for this state dir? (exit 3 if not)
              gateway install [--port N] [--bind HOST]
                                     write a systemd user unit (and enable it when possible)
              gateway uninstall      disable and remove the systemd user unit

            Talking to a running gateway:
              health [--json]                      call 'health'
              status [--deep] [--json]             call 'status' (--deep: also health probe + presence)
              call <method> [--params JSON] [--json]
                                                   call any method with operator admin scopes
              devices [list] [--json]              pending pairing requests and paired devices
              devices approve|reject <requestId>   decide a pending pairing request
              devices revoke <deviceId> [--role R] revoke a device token (default role operator)
              devices remove <deviceId>            unpair a device and disconnect it
              nodes [list] | pending               connected/approved nodes; pending command surfaces
              nodes approve|reject <requestId>     decide a node's pending command surface
              nodes describe <nodeId>              one node
              nodes invoke <nodeId> <command> [--params JSON] [--invoke-timeout MS]
                                                   run a command on a node (e.g. system.which)
              shell [options] [<gogo command line>]
                                                   run a Gogo command in the gateway; no command: REPL
                                                   (options go before the command line)
            Connection options for these: --url ws://HOST:PORT  --token T  --password P  --timeout MS

            Local:
              logs [--follow] [--lines N]          show <state>/logs/talon.log (default 200 lines)
              help                                 this text

            Environment:
              TALON_STATE_DIR      state directory (default ~/.talon): talon.json, logs/, deploy/, data/
              TALON_GATEWAY_URL    gateway URL (also OPENCLAW_GATEWAY_URL); default ws://127.0.0.1:<port>
              TALON_GATEWAY_PORT   port when no URL is given (else gateway.port in talon.json, else 18789)
              TALON_GATEWAY_TOKEN  token (also OPENCLAW_GATEWAY_TOKEN, CLAWDBOT_GATEWAY_TOKEN);
                                   default gateway.auth.token from talon.json
              TALON_GATEWAY_PASSWORD  password (default gateway.auth.password from talon.json)
              JAVA_HOME, JAVA_OPTS    JVM selection and gateway JVM options
            """;
}
