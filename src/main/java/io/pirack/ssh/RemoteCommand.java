package io.pirack.ssh;

import java.util.List;

/**
 * A command to run on a Pi as an argument vector. The SSH layer quotes every argument itself, so
 * no caller ever builds a shell line out of text. Arguments must already be validated values
 * (hostnames, unit names, IPs, ports) — see {@code io.pirack.core.validate}.
 *
 * @param argv    program and arguments, e.g. {@code ["systemctl", "stop", "kubelet"]}
 * @param sudo    run through {@code sudo -n} (never prompts; fails clearly when a password is needed)
 */
public record RemoteCommand(List<String> argv, boolean sudo) {

    public RemoteCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    public static RemoteCommand of(String... argv) {
        return new RemoteCommand(List.of(argv), false);
    }

    public static RemoteCommand sudo(String... argv) {
        return new RemoteCommand(List.of(argv), true);
    }
}
