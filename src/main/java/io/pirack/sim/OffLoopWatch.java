package io.pirack.sim;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.VertxMockWebSocket;
import io.pirack.concurrent.Background;
import java.util.concurrent.ThreadFactory;

/**
 * The store's watch listener, ended off the mock server's Vert.x event loop.
 *
 * <p>fabric8's watch listener sends each event from a sender thread of its own, and a send waits (up to
 * 30 s) until Vert.x has written the frame, which Vert.x does on the connection's event loop. When the
 * client hangs up, Vert.x tells the listener on that same event loop, and the listener waits for its
 * sender to finish. A send still in flight then waits for the event loop, the event loop for the send:
 * 30 s later the send gives up ("VertxMockWebSocket write did not complete within 30s"). For those 30 s
 * the event loop serves no other connection: every client of the store whose connection it holds (one
 * in four here: Vert.x runs two loops per core; the rack's own kubelets and controllers among them) gets
 * no answer and no event. Here the end is handed to a thread
 * of its own, so the event loop goes on, writes the frame in flight, and the sender finishes at once.
 *
 * <p>Before it ends, the watch is taken out of the store's list of watchers ({@code forget}): the listener
 * shuts its sender down before it leaves that list, and a store write that meets it in between fails on
 * the rejected send, unanswered, its event lost for the watchers after it (seen in CI while the sender
 * hung for its 30 s). Ends that do not come from Vert.x (the front's watches) are passed on where they
 * happen: the front relies on the store having stopped sending when {@code onClosed} returns.
 */
final class OffLoopWatch extends WebSocketListener {

    private static final ThreadFactory ENDS = Background.daemon("rehearsal-store-watch-end");

    private final WebSocketListener watch;
    private final Runnable forget;

    /** {@code forget} takes {@code watch} out of the store's watchers, so that no write sends to it any more. */
    OffLoopWatch(WebSocketListener watch, Runnable forget) {
        this.watch = watch;
        this.forget = forget;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        watch.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        watch.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        watch.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] bytes) {
        watch.onPing(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        watch.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        end(webSocket, () -> watch.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        end(webSocket, () -> watch.onFailure(webSocket, failure, response));
    }

    private void end(WebSocket webSocket, Runnable end) {
        Runnable forgetThenEnd = () -> {
            forget.run();
            end.run();
        };
        if (webSocket instanceof VertxMockWebSocket) {
            ENDS.newThread(forgetThenEnd).start();
        } else {
            forgetThenEnd.run();
        }
    }
}
