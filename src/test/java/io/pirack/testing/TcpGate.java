package io.pirack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP relay in front of a real server, so a test can do to the connection what a network
 * does: close every open connection (a server or load balancer ending watches), refuse connections
 * for a while (the API server process gone), or stall (a pulled Pi: connects hang, bytes vanish,
 * nothing is refused). Real sockets throughout; the client under test sees only the relay's port.
 */
public final class TcpGate implements AutoCloseable {

    private final int target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = io.pirack.concurrent.Background.timer("tcp-gate-timer");
    private final Object gate = new Object();
    private volatile ServerSocket server;
    private volatile boolean stalled;
    private volatile boolean holding;
    private volatile boolean closed;

    public TcpGate(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = listen(0);
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public int openCount() {
        return open.size();
    }

    public int port() {
        return port;
    }

    /** Closes every relayed connection; new ones are served as before. */
    public void dropConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** New connections are accepted but wait until {@link #resume()}; open ones carry on. */
    public void holdNew() {
        holding = true;
    }

    /** Connections stay open but nothing moves and nothing is refused, like a host that lost power. */
    public void stall() {
        stalled = true;
    }

    public void resume() {
        synchronized (gate) {
            stalled = false;
            holding = false;
            gate.notifyAll();
        }
    }

    /** Refuses connections (and closes open ones) for {@code duration}, then listens on the same port again. */
    public void refuseFor(Duration duration) throws IOException {
        ServerSocket listening = server;
        listening.close();
        dropConnections();
        timer.schedule(() -> {
            try {
                if (!closed) {
                    server = listen(port);
                    startAccepting(server);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on " + port + " again", e);
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void startAccepting(ServerSocket listening) {
        io.pirack.concurrent.Background.daemon("tcp-gate-accept").newThread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    awaitOpen(true);
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException | InterruptedException e) {
                    if (listening.isClosed() || closed) {
                        return;
                    }
                }
            }
        }).start();
    }

    private void awaitOpen(boolean newConnection) throws InterruptedException {
        synchronized (gate) {
            while ((stalled || (newConnection && holding)) && !closed) {
                gate.wait();
            }
        }
    }

    private void pump(Socket from, Socket to) {
        io.pirack.concurrent.Background.daemon("tcp-gate-pump").newThread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitOpen(false);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // closed by either side or by the gate
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }).start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        resume();
        timer.shutdownNow();
        server.close();
        dropConnections();
    }
}
