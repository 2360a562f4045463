package io.pirack.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Answers "does something accept TCP connections there?" — PiRack's own link check, independent of Kubernetes. */
public interface TcpProbe {

    boolean reachable(String host, int port, Duration timeout);

    /** The real thing: a TCP connect with a timeout, closed at once. */
    static TcpProbe socket() {
        return (host, port, timeout) -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        };
    }
}
