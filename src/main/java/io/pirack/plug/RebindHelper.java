package io.pirack.plug;

import io.pirack.net.SshPiDhcpRebinder;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SudoersSnippet;

/**
 * PiRack's second program on a Pi, next to {@link DeadManHelper}: {@code /usr/local/sbin/pirack-rebind IFACE}
 * (the script ships in PiRack's jar), which the Network screen's apply runs to release and rebind a Pi's
 * DHCP lease ({@link SshPiDhcpRebinder}). It checks its own argument, so sudoers allows it in one rule.
 */
public final class RebindHelper {

    public static final String PROGRAM = SshPiDhcpRebinder.PROGRAM;
    public static final String INSTALLED_AT = SshPiDhcpRebinder.INSTALLED_AT;

    private RebindHelper() {
    }

    /** The script as installed on the Pi. */
    public static String script() {
        return DeadManHelper.resource(PROGRAM);
    }

    /** The sudoers form: any interface (the helper checks the name). */
    static RemoteCommand anyInterface() {
        return RemoteCommand.sudo(PROGRAM, SudoersSnippet.ANY_ARGUMENTS);
    }
}
