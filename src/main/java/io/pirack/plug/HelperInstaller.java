package io.pirack.plug;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Installs PiRack's helper scripts on a Pi as root-owned {@code /usr/local/sbin/pirack-deadman}
 * ({@link DeadManHelper}) and {@code /usr/local/sbin/pirack-rebind} ({@link RebindHelper}),
 * over the SSH connection PiRack already trusts (known host key), with {@code sudo -n} only for the
 * {@code install} steps. Each script travels as base64 in one argument (no line of it ever reaches a
 * shell as code), lands in a private temporary file, is checked by SHA-256, installed, the temporary
 * file removed, and the helper asked for its status exactly as PiRack will ask it.
 */
public final class HelperInstaller {

    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Pattern TEMP_FILE = Pattern.compile("/[A-Za-z0-9._/-]+");

    private final RemoteShell shell;

    public HelperInstaller(RemoteShell shell) {
        this.shell = shell;
    }

    /** One helper script and where it goes on the Pi. */
    private record Helper(String program, String script, String installedAt) {
    }

    /** Both of PiRack's helpers: the dead-man switch and the DHCP rebind. */
    private static List<Helper> helpers() {
        return List.of(new Helper(DeadManHelper.PROGRAM, DeadManHelper.script(), DeadManHelper.INSTALLED_AT),
                new Helper(RebindHelper.PROGRAM, RebindHelper.script(), RebindHelper.INSTALLED_AT));
    }

    /** What {@link #install} does, in the order it does it: shown before asking for consent. */
    public static List<String> plan(SshTarget target, String node) {
        List<String> steps = new java.util.ArrayList<>();
        steps.add("connect to " + target.user() + "@" + target.host() + ":" + target.port()
                + " (host key checked against ~/.ssh/known_hosts)");
        for (Helper helper : helpers()) {
            steps.add("copy the " + helper.program() + " script (" + helper.script().getBytes(StandardCharsets.UTF_8).length
                    + " bytes, sha256 " + sha256(helper.script()).substring(0, 16) + "…) to a private temporary file and check its SHA-256");
            steps.add("sudo -n install -o root -g root -m 0755 <temporary file> " + helper.installedAt());
            steps.add("remove the temporary file");
        }
        steps.add("check it: sudo -n " + DeadManHelper.PROGRAM + " status " + node);
        return List.copyOf(steps);
    }

    /** Installs (or replaces) both helpers; the message of a failure says which step and why. */
    public void install(SshTarget target, String node) throws PlugException {
        for (Helper helper : helpers()) {
            install(target, helper);
        }
        CommandResult status = run(target, DeadManHelper.status(node), "check the installed helper");
        if (DeadManHelper.parseStatus(status.stdout()).isEmpty()) {
            throw new PlugException(target.alias() + ": the helper was installed but answered '" + status.stdout().strip()
                    + "' to status; check " + DeadManHelper.INSTALLED_AT + " on the Pi.");
        }
    }

    private void install(SshTarget target, Helper helper) throws PlugException {
        String script = helper.script();
        String temp = run(target, RemoteCommand.of("mktemp"), "create a temporary file").stdout().strip();
        if (!TEMP_FILE.matcher(temp).matches()) {
            throw new PlugException(target.alias() + ": mktemp answered '" + temp + "', not a file path; nothing was installed.");
        }
        try {
            run(target, RemoteCommand.of("sh", "-c", "printf '%s' \"$1\" | base64 -d > \"$2\"", "sh",
                    Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)), temp), "copy the " + helper.program() + " script");
            String sum = run(target, RemoteCommand.of("sha256sum", temp), "check the copy").stdout().strip().split("\\s+")[0];
            if (!sum.equals(sha256(script))) {
                throw new PlugException(target.alias() + ": the copied " + helper.program() + " script's SHA-256 is " + sum + ", not "
                        + sha256(script) + "; it was not installed.");
            }
            run(target, RemoteCommand.sudo("install", "-o", "root", "-g", "root", "-m", "0755", temp, helper.installedAt()),
                    "install " + helper.program() + " as root");
        } finally {
            try {
                shell.run(target, RemoteCommand.of("rm", "-f", temp), STEP);
            } catch (RemoteCommandException e) {
                // A temporary file left in /tmp is harmless; the install's own result is what matters.
            }
        }
    }

    private CommandResult run(SshTarget target, RemoteCommand command, String step) throws PlugException {
        try {
            CommandResult result = shell.run(target, command, STEP);
            if (result.exitCode() != 0) {
                String err = result.stderr().strip();
                throw new PlugException(target.alias() + ": could not " + step + " (exit " + result.exitCode()
                        + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse(err)) + ").");
            }
            return result;
        } catch (RemoteCommandException e) {
            throw new PlugException(e.getMessage() + (e.kind() == RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED
                    ? " Installing needs sudo without a password for the SSH user once (or install the script by hand: "
                    + "pirack plug install-helper prints it with --print)." : ""), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
