package io.pirack.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Answers "does something accept TCP connections there?" — PiRack's own link check, independent of Kubernetes. */
public interface TcpProbe {

    boolean reachable(String host, int port, Duration timeout);

    /**
     * Whether any of {@code attempts} connects answers within {@code timeout}. On a lossy link one SYN
     * (or its answer) is often lost; several at once are rarely all lost. The default tries them one
     * after the other; the real probe sends them together.
     */
    default boolean anyReachable(String host, int port, Duration timeout, int attempts) {
        for (int i = 0; i < attempts; i++) {
            if (reachable(host, port, timeout)) {
                return true;
            }
        }
        return false;
    }

    /** The real thing: a TCP connect with a timeout, closed at once. */
    static TcpProbe socket() {
        return new TcpProbe() {
            @Override
            public boolean reachable(String host, int port, Duration timeout) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            }

            @Override
            public boolean anyReachable(String host, int port, Duration timeout, int attempts) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                if (address.isUnresolved()) {
                    return false;
                }
                List<SocketChannel> channels = new ArrayList<>();
                try (Selector selector = Selector.open()) {
                    for (int i = 0; i < attempts; i++) {
                        SocketChannel channel = SocketChannel.open();
                        channels.add(channel);
                        channel.configureBlocking(false);
                        if (channel.connect(address)) {
                            return true;
                        }
                        channel.register(selector, SelectionKey.OP_CONNECT);
                    }
                    long deadline = System.nanoTime() + timeout.toNanos();
                    while (!selector.keys().isEmpty()) {
                        long left = deadline - System.nanoTime();
                        // Past the deadline, one last look: a thread scheduled late must not miss an answer that came in time.
                        if (left > 0) {
                            selector.select(Math.max(1, left / 1_000_000));
                        } else {
                            selector.selectNow();
                        }
                        for (SelectionKey key : selector.selectedKeys()) {
                            try {
                                if (((SocketChannel) key.channel()).finishConnect()) {
                                    return true;
                                }
                            } catch (IOException refusedOrUnreachable) {
                                key.cancel();
                            }
                        }
                        selector.selectedKeys().clear();
                        selector.selectNow();  // drops the cancelled keys
                        if (left <= 0) {
                            return false;
                        }
                    }
                    return false;
                } catch (IOException | RuntimeException e) {
                    return false;
                } finally {
                    for (SocketChannel channel : channels) {
                        try {
                            channel.close();
                        } catch (IOException ignored) {
                            // Nothing was sent on it.
                        }
                    }
                }
            }
        };
    }
}
