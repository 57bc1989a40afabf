package io.ipcbench.testing;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

import io.ipcbench.core.Message;

/** Random bytes in a message and their CRC: what the echo tests send and compare. */
public final class RandomBytes {
    private RandomBytes() {
    }

    public static void fill(Message message, int size, SplittableRandom random) {
        for (int i = 0; i < size; i++) {
            message.buffer().put(i, (byte) random.nextInt(256));
        }
    }

    public static long crc(Message message, int size) {
        CRC32 crc = new CRC32();
        crc.update(message.window(size));
        return crc.getValue();
    }
}
