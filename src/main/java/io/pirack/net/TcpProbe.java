package io.pirack.net;

import java.time.Duration;

/** Whether something accepts TCP connections at host:port within the timeout. */
public interface TcpProbe {

    boolean reachable(String host, int port, Duration timeout);
}
