package dana.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reading and writing the fields of a file payload: strings as length + UTF-8, float arrays in bulk. */
final class BinaryCodec {

    private BinaryCodec() {
    }

    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer writeInt(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Writer writeLong(long v) throws IOException {
            out.writeLong(v);
            return this;
        }

        Writer writeDouble(double v) throws IOException {
            out.writeDouble(v);
            return this;
        }

        Writer writeString(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
            return this;
        }

        /** The length, then the values. */
        Writer writeFloats(float[] a, int off, int len) throws IOException {
            out.writeInt(len);
            ByteBuffer buf = ByteBuffer.allocate(4 * len);
            buf.asFloatBuffer().put(a, off, len);
            out.write(buf.array());
            return this;
        }

        byte[] toByteArray() throws IOException {
            out.flush();
            return bytes.toByteArray();
        }
    }

    static final class Reader {
        private final DataInputStream in;
        private final int size;

        Reader(byte[] payload) {
            this.in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            this.size = payload.length;
        }

        int readInt() throws IOException {
            return in.readInt();
        }

        long readLong() throws IOException {
            return in.readLong();
        }

        double readDouble() throws IOException {
            return in.readDouble();
        }

        String readString() throws IOException {
            byte[] b = new byte[checkedLength(in.readInt(), 1)];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        float[] readFloats() throws IOException {
            int n = checkedLength(in.readInt(), 4);
            byte[] b = new byte[4 * n];
            in.readFully(b);
            float[] a = new float[n];
            ByteBuffer.wrap(b).asFloatBuffer().get(a);
            return a;
        }

        boolean atEnd() throws IOException {
            return in.available() == 0;
        }

        /** A length read from the payload, refused before allocating if it cannot fit in what is left. */
        private int checkedLength(int n, int unit) throws IOException {
            if (n < 0 || (long) n * unit > size) throw new EOFException("field length " + n + " exceeds the payload");
            return n;
        }
    }
}
