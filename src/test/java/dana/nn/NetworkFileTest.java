package dana.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFileTest {

    @TempDir
    Path dir;

    private static final CnnConfig CONFIG = new CnnConfig(2, 1, 8, 2, 2, 5, Activation.SILU, 1, 0.01);

    @Test
    void roundTripKeepsConfigValuesAndMetadata() throws IOException {
        Path file = dir.resolve("sub/net.dnn");
        Map<String, String> meta = Map.of("steps", "1200", "note", "unicode \u00e9\u2713");
        try (ResidualCnn net = new ResidualCnn(CONFIG, 77)) {
            NetworkFile.save(file, net, meta);
            NetworkFile.Contents c = NetworkFile.read(file);
            assertEquals(CONFIG, c.config());
            assertArrayEquals(net.parameters().values(), c.values());
            assertEquals(meta, c.metadata());
            try (ResidualCnn back = c.toNetwork(EngineOptions.defaults())) {
                float[] in = new float[3 * 2 * 10];
                for (int i = 0; i < in.length; i++) in[i] = (float) Math.sin(i);
                assertArrayEquals(net.infer(in, 3), back.infer(in, 3));
            }
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void everyCorruptedByteIsRefused() throws IOException {
        Path file = saved("net.dnn");
        byte[] good = Files.readAllBytes(file);
        // flipping any single byte (magic, version, length, payload or checksum) must be detected
        for (int i = 0; i < good.length; i += Math.max(1, good.length / 97)) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(file, bad);
            IOException e = assertThrows(IOException.class, () -> NetworkFile.read(file), "byte " + i);
            assertOneLineNamingTheFile(e, file);
        }
        byte[] bad = good.clone();
        bad[good.length / 2] ^= 1;
        Files.write(file, bad);
        assertTrue(assertThrows(FileFormatException.class, () -> NetworkFile.read(file)).getMessage()
                .contains("checksum"));
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path file = saved("net.dnn");
        byte[] good = Files.readAllBytes(file);
        for (int len : new int[]{good.length - 1, good.length / 2, 12, 0}) {
            Files.write(file, Arrays.copyOf(good, len));
            FileFormatException e = assertThrows(FileFormatException.class, () -> NetworkFile.read(file));
            assertOneLineNamingTheFile(e, file);
            if (len >= 19) assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void wrongMagicAndVersionAreNamed() throws IOException {
        Path file = saved("net.dnn");
        byte[] good = Files.readAllBytes(file);
        byte[] magic = good.clone();
        magic[0] = 'X';
        Files.write(file, magic);
        assertTrue(assertThrows(FileFormatException.class, () -> NetworkFile.read(file)).getMessage().contains("magic"));
        byte[] version = good.clone();
        version[10] = 9; // last byte of the big-endian version
        Files.write(file, version);
        String msg = assertThrows(FileFormatException.class, () -> NetworkFile.read(file)).getMessage();
        assertTrue(msg.contains("version 9"), msg);
        // an optimiser file is not a network file
        Path opt = dir.resolve("opt.bin");
        AdamStateFile.save(opt, new AdamState(AdamConfig.defaults(), 0, new float[2], new float[2]));
        assertTrue(assertThrows(FileFormatException.class, () -> NetworkFile.read(opt)).getMessage().contains("magic"));
    }

    @Test
    void adamStateRoundTripResumesIdentically() throws IOException {
        try (ResidualCnn a = new ResidualCnn(CONFIG, 5); ResidualCnn b = new ResidualCnn(CONFIG, 5)) {
            Adam adamA = new Adam(a.parameters(), new AdamConfig(0.8, 0.99, 1e-7, 0.01));
            float[] in = new float[2 * 2 * 9];
            float[] gout = new float[2 * 9];
            for (int i = 0; i < in.length; i++) in[i] = (float) Math.cos(i);
            for (int i = 0; i < gout.length; i++) gout[i] = (float) Math.sin(3 * i);
            for (int s = 0; s < 3; s++) step(a, adamA, in, gout);
            Path opt = dir.resolve("adam.bin");
            Path net = dir.resolve("net.dnn");
            AdamStateFile.save(opt, adamA.state());
            NetworkFile.save(net, a, Map.of());
            // b resumes from the files and must then follow a bit for bit
            System.arraycopy(NetworkFile.read(net).values(), 0, b.parameters().values(), 0, b.parameters().size());
            Adam adamB = new Adam(b.parameters(), AdamStateFile.read(opt));
            assertEquals(3, adamB.step());
            assertEquals(adamA.config(), adamB.config());
            step(a, adamA, in, gout);
            step(b, adamB, in, gout);
            assertArrayEquals(a.parameters().values(), b.parameters().values());

            byte[] bytes = Files.readAllBytes(opt);
            bytes[bytes.length - 9] ^= 4;
            Files.write(opt, bytes);
            assertOneLineNamingTheFile(assertThrows(FileFormatException.class, () -> AdamStateFile.read(opt)), opt);
        }
    }

    private static void step(ResidualCnn net, Adam adam, float[] in, float[] gout) {
        net.zeroGradients();
        net.forward(in, 2).backward(gout);
        adam.update(1e-3);
    }

    private Path saved(String name) throws IOException {
        Path file = dir.resolve(name);
        try (ResidualCnn net = new ResidualCnn(CONFIG, 3)) {
            NetworkFile.save(file, net, Map.of("k", "v"));
        }
        return file;
    }

    private static void assertOneLineNamingTheFile(IOException e, Path file) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
