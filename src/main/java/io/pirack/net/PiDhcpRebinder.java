package io.pirack.net;

import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshTarget;

/** Makes a Pi release its DHCP lease and ask again, so it picks up its new fixed address. */
public interface PiDhcpRebinder {

    /**
     * Starts the release/rebind on the Pi, detached from the SSH session (which the address change
     * drops), and returns which client it used.
     */
    DhcpClientKind releaseAndRebind(SshTarget target) throws RemoteCommandException;
}
