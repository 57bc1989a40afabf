package io.ipcbench.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Collection;

/** The {@code tcp-jdk} gate's listener: a {@link ServerSocketChannel} and one {@link Selector} over it and its connections. */
final class JdkLoopbackListener implements LoopbackListener<SocketChannel> {
    private final ServerSocketChannel listener;
    private final Selector selector;
    private final int port;

    private JdkLoopbackListener(ServerSocketChannel listener, Selector selector, int port) {
        this.listener = listener;
        this.selector = selector;
        this.port = port;
    }

    static JdkLoopbackListener open(int backlog) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            return new JdkLoopbackListener(listener, selector, ((InetSocketAddress) listener.getLocalAddress()).getPort());
        } catch (IOException e) {
            listener.close();
            throw e;
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public SocketChannel accept() throws IOException {
        SocketChannel channel = listener.accept();
        if (channel != null) {
            try {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
        return channel;
    }

    @Override
    public int read(SocketChannel connection, byte[] into, int offset, int length) {
        try {
            return connection.read(ByteBuffer.wrap(into, offset, length));
        } catch (IOException reset) {
            return -1; // a stranger's reset must not fail the trial
        }
    }

    /** Every pending connection is registered with the selector since its accept. */
    @Override
    public void await(Collection<SocketChannel> pending, long millis) throws IOException {
        selector.select(millis);
        selector.selectedKeys().clear();
    }

    @Override
    public void interrupt() {
        selector.wakeup();
    }

    /** A channel may block again only once its key is cancelled and the selector has dropped it. */
    @Override
    public SocketChannel blocking(SocketChannel connection) throws IOException {
        connection.keyFor(selector).cancel();
        selector.selectNow();
        connection.configureBlocking(true);
        return connection;
    }

    @Override
    public void close(SocketChannel connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // a stranger's connection: nothing to do about it
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
            listener.close();
        } catch (IOException ignored) {
            // the listening socket is of no further use either way
        }
    }
}
