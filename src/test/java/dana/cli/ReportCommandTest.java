package dana.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * dana report on a tiny experiment's directory: the page is well-formed (read by an XML parser), self-contained
 * (every image a data URI holding exactly a PNG of the directory, no external reference), and holds the
 * resolved configuration and the summary table with the expected rows. Rendered by headless Chromium when the
 * machine has it (skipped otherwise).
 */
class ReportCommandTest {

    @TempDir
    static Path tmp;
    static Path exp;
    static String html;
    static Document page;

    @BeforeAll
    static void experimentAndReport() throws Exception {
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, """
                name: tiny-report
                description: two methods & two seeds <for the report>
                seeds: [1, 2]
                defaults: {cycles: 300, burn_in: 50}
                runs:
                  - {method: 3dvar}
                  - {method: enkf-n, members: 10}
                """);
        exp = tmp.resolve("exp");
        Cli.Result e = Cli.run("experiment", file.toString(), "--out", exp.toString(), "--quiet");
        assertEquals(0, e.exit(), e.err());
        Cli.Result r = Cli.run("report", exp.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("report: " + exp.resolve("report.html"), r.out().strip());
        html = Files.readString(exp.resolve("report.html"));
        page = parse(html);
    }

    /** The page read as XML: it must be well-formed; no DTD is fetched. */
    static Document parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Path> pngs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    @Test
    void everyFigureIsEmbeddedAsADataUri() throws IOException {
        NodeList imgs = page.getElementsByTagName("img");
        List<Path> files = pngs(exp);
        assertEquals(files.size(), imgs.getLength(), "one image per PNG of the directory");
        assertTrue(files.size() >= 5, "rmse-by-config and rmse and hovmoller per configuration: " + files);
        Map<String, byte[]> byAlt = new HashMap<>();
        for (int i = 0; i < imgs.getLength(); i++) {
            Element img = (Element) imgs.item(i);
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
            byAlt.put(img.getAttribute("alt"), Base64.getDecoder().decode(src.substring("data:image/png;base64,".length())));
        }
        for (Path f : files) {
            byte[] embedded = byAlt.get(exp.relativize(f).toString());
            assertTrue(embedded != null, "embedded: " + f);
            assertArrayEquals(Files.readAllBytes(f), embedded, f.toString());
        }
        // each figure has a caption that says what it shows
        NodeList captions = page.getElementsByTagName("figcaption");
        assertEquals(imgs.getLength(), captions.getLength());
        assertTrue(html.contains("time-mean analysis RMSE of every configuration"), "caption of rmse-by-config.png");
    }

    @Test
    void nothingIsLoadedFromElsewhere() {
        assertFalse(html.contains("http://") || html.contains("https://"), "no URL at all");
        for (String tag : List.of("script", "link", "iframe", "object", "embed")) {
            assertEquals(0, page.getElementsByTagName(tag).getLength(), tag);
        }
        // every href is an anchor of the page itself
        NodeList links = page.getElementsByTagName("a");
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertTrue(href.startsWith("#") && html.contains("id=\"" + href.substring(1) + "\""), href);
        }
    }

    @Test
    void theConfigurationAndTheSummaryTableAreThere() throws IOException {
        assertEquals("tiny-report (experiment)", page.getElementsByTagName("title").item(0).getTextContent());
        NodeList pres = page.getElementsByTagName("pre");
        boolean config = false;
        for (int i = 0; i < pres.getLength(); i++) {
            String t = pres.item(i).getTextContent();
            config |= t.contains("method: 3dvar") && t.contains("method: enkf-n") && t.contains("cycles: 300");
        }
        assertTrue(config, "config.resolved.yaml is shown");
        assertTrue(html.contains("two methods &amp; two seeds &lt;for the report&gt;"), "text is escaped");
        // the summary.csv table: its header, then 2 configurations x 2 seeds run rows and 2 mean rows
        Element table = tableAfter("summary.csv");
        List<List<String>> rows = rows(table);
        List<String> csv = Files.readAllLines(exp.resolve("summary.csv"));
        assertEquals(csv.get(0), String.join(",", rows.get(0)));
        assertEquals(1 + 2 * 2 + 2, rows.size());
        assertEquals(List.of("run", "run", "run", "run", "mean", "mean"), rows.subList(1, 7).stream().map(r -> r.get(0)).toList());
        assertEquals("enkf-n-ne10", rows.get(6).get(1));
        // long decimals are shortened to 6 significant digits, the rest as it is
        int column = List.of(csv.get(0).split(",")).indexOf("rmse_a");
        String rmse = csv.get(6).split(",")[column];
        assertTrue(rmse.length() > 10, rmse);
        assertEquals(new java.math.BigDecimal(rmse).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString(),
                rows.get(6).get(column));
    }

    /** The first table after the summary line naming {@code file}. */
    private static Element tableAfter(String file) {
        NodeList details = page.getElementsByTagName("details");
        for (int i = 0; i < details.getLength(); i++) {
            Element d = (Element) details.item(i);
            String summary = d.getElementsByTagName("summary").item(0).getTextContent();
            if (summary.startsWith(file + " ")) return (Element) d.getElementsByTagName("table").item(0);
        }
        throw new AssertionError("no table of " + file);
    }

    private static List<List<String>> rows(Element table) {
        List<List<String>> out = new ArrayList<>();
        NodeList trs = table.getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            NodeList tds = ((Element) trs.item(i)).getChildNodes();
            for (int j = 0; j < tds.getLength(); j++) cells.add(tds.item(j).getTextContent());
            out.add(cells);
        }
        return out;
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws IOException {
        Cli.Result missing = Cli.run("report", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals("dana: DIR: " + tmp.resolve("nope") + " is not a directory", missing.err().strip());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing");
        Cli.Result none = Cli.run("report", empty.toString());
        assertEquals(2, none.exit());
        assertEquals(1, none.errLines().length);
        assertTrue(none.err().startsWith("dana: DIR: " + empty + " holds no results"), none.err());
        assertFalse(Files.exists(empty.resolve("report.html")));
    }

    /** A rendered check: headless Chromium loads the page and keeps every image (skipped without Chromium). */
    @Test
    void chromiumRendersThePage() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "no /usr/bin/chromium on this machine");
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Path shot = tmp.resolve("shot.png");
        // no network for the browser: a page that needed anything from outside would show it missing
        List<String> common = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000");
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", exp.resolve("report.html").toUri().toString()));
        String dom = run(dump);
        int imgs = page.getElementsByTagName("img").getLength();
        assertEquals(imgs, dom.split("<img ", -1).length - 1, "the browser's DOM keeps every image");
        assertTrue(dom.contains("tiny-report"), "the title is rendered");
        List<String> screenshot = new ArrayList<>(common);
        screenshot.addAll(List.of("--window-size=1200,1600", "--screenshot=" + shot, exp.resolve("report.html").toUri().toString()));
        run(screenshot);
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 10_000 && png[1] == 'P', "a screenshot of the rendered page: " + png.length + " bytes");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), String.join(" ", command));
        return new String(out, StandardCharsets.UTF_8);
    }
}
