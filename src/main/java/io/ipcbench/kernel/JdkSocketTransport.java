package io.ipcbench.kernel;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.ipcbench.core.Message;
import io.ipcbench.transport.Transport;

/**
 * A connected blocking stream socket (Unix domain or TCP) through the JDK's {@link SocketChannel},
 * written from the message's direct buffer: {@code uds-jdk} and {@code tcp-jdk}. Each read and write
 * takes the channel's locks and crosses JNI into the JDK's own native code, where {@link FdStream}
 * makes one JNA call to read(2) or write(2).
 */
final class JdkSocketTransport implements Transport {
    private final SocketChannel channel;
    private final String name;

    JdkSocketTransport(SocketChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    @Override
    public void send(Message message, int length) throws IOException {
        ByteBuffer window = message.window(length);
        while (window.hasRemaining()) {
            channel.write(window);
        }
    }

    @Override
    public void receive(Message message, int length) throws IOException {
        ByteBuffer window = message.window(length);
        while (window.hasRemaining()) {
            if (channel.read(window) < 0) {
                throw new EOFException(name + ": the other side closed the connection after "
                        + window.position() + " of " + length + " bytes");
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket we are done with: nothing to do about it
        }
    }
}
