package dana.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One self-contained HTML page of a results directory (of {@code dana experiment}, {@code sweep}, {@code train}
 * or {@code diagnose}): the resolved configuration, the summary tables (from the CSV and JSON files), and every
 * PNG embedded as a data URI with a caption. No scripts, no external resources: the page can be mailed or
 * archived alone. One section per directory that holds results, the top directory first, then its
 * subdirectories depth-first in natural order (pool=256 before pool=1024). Checkpoints and stored runs are left out, and
 * per-cycle series are counted rather than shown.
 *
 * <p>The page is well-formed XML as well as HTML (see {@link Html}).
 */
public final class ReportPage {

    public static final String FILE = "report.html";

    /** A CSV or JSON table with more rows shows its first and last {@link #EDGE_ROWS}. */
    static final int FULL_ROWS = 100;
    static final int EDGE_ROWS = 10;
    /** A list in a JSON summary shows this many items. */
    static final int LIST_ITEMS = 10;
    /** Directories that hold state, not results: a training's checkpoints, an experiment's finished runs. */
    static final Set<String> SKIPPED = Set.of("checkpoints", "runs");
    /** Directories of per-cycle data: too long to show, counted in their parent's section. */
    static final Set<String> SERIES = Set.of("series");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> contents = new ArrayList<>();
    private final Set<String> anchors = new HashSet<>();
    private int images;

    private ReportPage(Path root) {
        this.root = root;
    }

    /**
     * @param generator who made the page, for its footer line (e.g. "dana 0.1 (Java 25)")
     * @throws IllegalArgumentException when {@code dir} is not a directory or holds no results
     */
    public static String render(Path dir, String generator, String when) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("DIR: " + dir + " is not a directory");
        ReportPage page = new ReportPage(dir);
        page.directory(dir);
        if (page.contents.isEmpty()) {
            throw new IllegalArgumentException("DIR: " + dir + " holds no results (no .yaml, .json, .csv or .png file); "
                    + "expected the output directory of dana experiment, sweep, train or diagnose");
        }
        return page.page(generator, when);
    }

    /** What kind of results the directory holds, from the files its command writes. */
    static String kind(Path dir) {
        if (Files.exists(dir.resolve("sweep.resolved.yaml"))) return "sweep";
        if (Files.exists(dir.resolve("training-log.csv"))) return "training run";
        if (Files.exists(dir.resolve("expansion-summary.json")) || Files.exists(dir.resolve("sensitivity-summary.json"))) {
            return "diagnostics";
        }
        if (Files.exists(dir.resolve("config.resolved.yaml")) && Files.exists(dir.resolve("summary.csv"))) return "experiment";
        return "results";
    }

    /** The run's name: from summary.json or the resolved configuration, else the directory's name. */
    static String name(Path dir) {
        Path summary = dir.resolve("summary.json");
        if (Files.exists(summary)) {
            try {
                JsonNode n = JSON.readTree(summary.toFile()).path("name");
                if (n.isTextual() && !n.asText().isBlank()) return n.asText();
            } catch (IOException ignored) {
                // a damaged summary still gets a report; its section says it could not be read
            }
        }
        for (String f : List.of("sweep.resolved.yaml", "config.resolved.yaml")) {
            try {
                if (Files.exists(dir.resolve(f))) {
                    for (String line : Files.readAllLines(dir.resolve(f))) {
                        if (line.startsWith("name:")) return line.substring(5).trim();
                    }
                }
            } catch (IOException ignored) {
                // fall through to the directory's name
            }
        }
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? dir.toString() : n.toString();
    }

    private String page(String generator, String when) {
        String name = name(root), kind = kind(root);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(Html.escape(name + " (" + kind + ")")).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(Html.escape(name)).append(" <span class=\"kind\">").append(Html.escape(kind)).append("</span></h1>\n");
        sb.append("<p class=\"meta\">Report of <code>").append(Html.escape(root.toString())).append("</code>: ")
                .append(contents.size()).append(" section").append(contents.size() == 1 ? "" : "s").append(", ")
                .append(images).append(" figure").append(images == 1 ? "" : "s").append(". Made by ")
                .append(Html.escape(generator)).append(" on ").append(Html.escape(when))
                .append("; self-contained (figures embedded, no external resources).</p>\n");
        if (contents.size() > 1) {
            sb.append("<nav><h2>Contents</h2>\n<ul>\n");
            for (String[] c : contents) {
                sb.append("<li><a href=\"#").append(c[0]).append("\">").append(Html.escape(c[1])).append("</a></li>\n");
            }
            sb.append("</ul>\n</nav>\n");
        }
        sb.append(body);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private void directory(Path dir) {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(NATURAL).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Path> files = entries.stream().filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().equals(FILE)).toList();
        List<Path> dirs = entries.stream().filter(Files::isDirectory).toList();
        StringBuilder s = new StringBuilder();
        for (String ext : List.of(".yaml", ".json", ".csv", ".png")) {
            for (Path f : files) if (f.getFileName().toString().endsWith(ext)) file(s, f, ext);
        }
        List<String> notes = new ArrayList<>();
        for (Path d : dirs) {
            String n = d.getFileName().toString();
            if (SKIPPED.contains(n)) notes.add(n + "/: training checkpoints (state for --resume), not shown");
            if (SERIES.contains(n)) notes.add(n + "/: " + count(d, ".csv") + " per-cycle CSV files (cycle, rmse_a, rmse_f, spread_a, spread_f), not shown");
        }
        List<String> others = files.stream().map(f -> f.getFileName().toString())
                .filter(n -> Stream.of(".yaml", ".json", ".csv", ".png").noneMatch(n::endsWith)).toList();
        if (!others.isEmpty()) notes.add("other files: " + String.join(", ", others));
        if (!s.isEmpty()) {
            String rel = relative(dir);
            String id = uniqueAnchor(Html.anchor(rel));
            contents.add(new String[] {id, rel});
            body.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(rel)).append("</h2>\n");
            for (String n : notes) body.append("<p class=\"note\">").append(Html.escape(n)).append("</p>\n");
            body.append(s).append("</section>\n");
        }
        for (Path d : dirs) {
            String n = d.getFileName().toString();
            if (!SKIPPED.contains(n) && !SERIES.contains(n)) directory(d);
        }
    }

    private String relative(Path p) {
        String r = root.relativize(p).toString();
        return r.isEmpty() ? root.toString() : r;
    }

    private String uniqueAnchor(String a) {
        String id = a;
        for (int k = 2; !anchors.add(id); k++) id = a + "-" + k;
        return id;
    }

    private static long count(Path dir, String ext) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(ext)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private void file(StringBuilder s, Path f, String ext) {
        String rel = relative(f);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            s.append("<p class=\"note\">").append(Html.escape(rel + ": cannot be read (" + e.getMessage() + ")")).append("</p>\n");
            return;
        }
        switch (ext) {
            case ".yaml" -> {
                // the configurations of the top directory are what a reader looks for first: open
                boolean open = f.getParent().equals(root);
                s.append("<details").append(open ? " open=\"open\"" : "").append("><summary>").append(Html.escape(rel))
                        .append(" (configuration)</summary>\n<pre>").append(Html.escape(new String(bytes, StandardCharsets.UTF_8)))
                        .append("</pre>\n</details>\n");
            }
            case ".json" -> json(s, rel, bytes);
            case ".csv" -> csv(s, rel, new String(bytes, StandardCharsets.UTF_8));
            case ".png" -> png(s, rel, bytes);
            default -> throw new IllegalStateException(ext);
        }
    }

    private void png(StringBuilder s, String rel, byte[] bytes) {
        if (bytes.length < 8 || (bytes[0] & 0xff) != 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            s.append("<p class=\"note\">").append(Html.escape(rel + ": not a PNG image, not shown")).append("</p>\n");
            return;
        }
        images++;
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        s.append("<figure>\n<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(bytes))
                .append("\" alt=\"").append(Html.escape(rel)).append("\"/>\n<figcaption><code>").append(Html.escape(rel))
                .append("</code>: ").append(Html.escape(caption(name))).append("</figcaption>\n</figure>\n");
    }

    private static final Pattern RMSE_VS = Pattern.compile("rmse-vs-(.+)\\.png");
    private static final Pattern RMSE_ID = Pattern.compile("rmse-(.+)\\.png");
    private static final Pattern HOVMOLLER = Pattern.compile("hovmoller-(.+)\\.png");

    /** What a figure shows, from the names dana gives its plots. */
    static String caption(String file) {
        Matcher m;
        if (file.equals("rmse-by-config.png")) {
            return "time-mean analysis RMSE of every configuration: mean over the seeds (bars: their sd), each seed, and the reference value where there is one.";
        }
        if (file.equals("training-curves.png")) return "training loss per step (and its moving average), validation aRMSE against training minutes.";
        if (file.equals("expansion-eigenspectra.png")) {
            return "time-averaged eigenvalues of the network's implied analysis covariance P^a (Jacobian and least squares) against the reference ensemble filter's.";
        }
        if (file.equals("sensitivity.png")) return "locality of the network: the folded sensitivity tensor d^2 a / dx dzeta against the offset between grid points.";
        if ((m = RMSE_VS.matcher(file)).matches()) {
            return "analysis RMSE against " + m.group(1) + ": the network trained at each value and the classical references "
                    + "(points: mean over the seeds, bars: seed min..max).";
        }
        if ((m = HOVMOLLER.matcher(file)).matches()) {
            return "truth, analysis mean and error (analysis - truth) over grid index and the last cycles, configuration " + m.group(1) + ".";
        }
        if ((m = RMSE_ID.matcher(file)).matches()) {
            return "analysis RMSE against cycle, configuration " + m.group(1)
                    + ": a moving average per seed, each seed's time mean (dashed) and the end of the burn-in.";
        }
        return file + ".";
    }

    // ---------------------------------------------------------------------------------------------- tables

    private static void csv(StringBuilder s, String rel, String text) {
        List<List<String>> rows = parseCsv(text);
        if (rows.isEmpty()) {
            s.append("<p class=\"note\">").append(Html.escape(rel + ": empty")).append("</p>\n");
            return;
        }
        List<String> head = rows.get(0);
        List<List<String>> data = rows.subList(1, rows.size());
        boolean open = data.size() <= FULL_ROWS && rel.indexOf('/') < 0;
        s.append("<details").append(open ? " open=\"open\"" : "").append("><summary>").append(Html.escape(rel))
                .append(" (").append(data.size()).append(" row").append(data.size() == 1 ? "" : "s").append(")</summary>\n");
        table(s, head, data);
        s.append("</details>\n");
    }

    /** A table; with more than {@link #FULL_ROWS} rows, the first and last {@link #EDGE_ROWS} and a gap row. */
    private static void table(StringBuilder s, List<String> head, List<List<String>> data) {
        table(s, head, data, "");
    }

    /** @param cssClass "kv" for a key-value table (left-aligned values that wrap) */
    private static void table(StringBuilder s, List<String> head, List<List<String>> data, String cssClass) {
        s.append("<div class=\"table\"><table").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                .append(">\n<thead><tr>");
        for (String h : head) s.append("<th>").append(Html.escape(h)).append("</th>");
        s.append("</tr></thead>\n<tbody>\n");
        boolean cut = data.size() > FULL_ROWS;
        for (int i = 0; i < data.size(); i++) {
            if (cut && i == EDGE_ROWS) {
                s.append("<tr class=\"gap\"><td colspan=\"").append(Math.max(1, head.size())).append("\">")
                        .append(data.size() - 2 * EDGE_ROWS).append(" rows not shown</td></tr>\n");
                i = data.size() - EDGE_ROWS;
            }
            s.append("<tr>");
            for (String c : data.get(i)) s.append("<td>").append(Html.escape(shortNumber(c))).append("</td>");
            s.append("</tr>\n");
        }
        s.append("</tbody>\n</table></div>\n");
    }

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d*(E-?\\d+)?|-?\\d+E-?\\d+", Pattern.CASE_INSENSITIVE);

    /** 0.18734567891234 -> 0.187346: six significant digits for long decimals; anything else as it is. */
    static String shortNumber(String cell) {
        String c = cell.trim();
        if (!DECIMAL.matcher(c).matches()) return cell;
        BigDecimal d = new BigDecimal(c);
        if (d.precision() <= 6 && d.scale() >= 0 && d.scale() <= 6) return cell;
        return d.round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** RFC 4180 CSV: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || !cell.isEmpty()) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || !cell.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * A JSON summary: its scalar fields (nested mappings flattened to dotted keys, lists of scalars inline) as a
     * two-column table, and each list of objects as a table of its own.
     */
    private static void json(StringBuilder s, String rel, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            s.append("<p class=\"note\">").append(Html.escape(rel + ": not valid JSON, not shown")).append("</p>\n");
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, JsonNode> lists = new LinkedHashMap<>();
        if (root != null && root.isObject()) flatten("", root, facts, lists);
        else if (root != null && root.isArray()) lists.put("", root);
        boolean top = rel.indexOf('/') < 0;
        s.append("<details").append(top ? " open=\"open\"" : "").append("><summary>").append(Html.escape(rel))
                .append(" (summary)</summary>\n");
        if (!facts.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            facts.forEach((k, v) -> rows.add(List.of(k, v)));
            table(s, List.of("key", "value"), rows, "kv");
        }
        for (Map.Entry<String, JsonNode> e : lists.entrySet()) {
            List<Map<String, String>> items = new ArrayList<>();
            List<String> head = new ArrayList<>();
            for (JsonNode item : e.getValue()) {
                Map<String, String> flat = new LinkedHashMap<>();
                Map<String, JsonNode> nested = new LinkedHashMap<>();
                if (item.isObject()) flatten("", item, flat, nested); else flat.put("value", scalar(item));
                // lists inside list items are shown as compact JSON in their cell
                nested.forEach((k, v) -> flat.put(k, clip(v.toString())));
                for (String k : flat.keySet()) if (!head.contains(k)) head.add(k);
                items.add(flat);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, String> item : items) rows.add(head.stream().map(k -> item.getOrDefault(k, "")).toList());
            s.append("<p class=\"caption\">").append(Html.escape(e.getKey().isEmpty() ? "items" : e.getKey()))
                    .append(" (").append(rows.size()).append(")</p>\n");
            table(s, head, rows);
        }
        s.append("</details>\n");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> facts, Map<String, JsonNode> lists) {
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String key = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                flatten(key, v, facts, lists);
            } else if (v.isArray() && !v.isEmpty() && allContainers(v)) {
                lists.put(key, v);
            } else if (v.isArray()) {
                // long lists of numbers (spectra, profiles) are in the CSV files beside: show their start
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < Math.min(v.size(), LIST_ITEMS); i++) {
                    JsonNode x = v.get(i);
                    parts.add(x.isContainerNode() ? clip(x.toString()) : shortNumber(scalar(x)));
                }
                String more = v.size() > LIST_ITEMS ? ", ... (" + v.size() + " values)" : "";
                facts.put(key, "[" + String.join(", ", parts) + more + "]");
            } else {
                facts.put(key, scalar(v));
            }
        }
    }

    private static boolean allContainers(JsonNode array) {
        for (JsonNode x : array) if (!x.isObject()) return false;
        return true;
    }

    private static String scalar(JsonNode v) {
        return v.isNull() ? "null" : v.asText();
    }

    private static String clip(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    // --------------------------------------------------------------------------------------------- ordering

    private static final Pattern CHUNK = Pattern.compile("\\d+(\\.\\d+)?|\\D+");

    /** Names compared with their numbers as numbers: pool=256 < pool=1024, sigma=0.25 < sigma=0.5. */
    static final Comparator<Path> NATURAL = (a, b) -> natural(a.getFileName().toString(), b.getFileName().toString());

    static int natural(String a, String b) {
        Matcher x = CHUNK.matcher(a), y = CHUNK.matcher(b);
        while (true) {
            boolean hx = x.find(), hy = y.find();
            if (!hx || !hy) return Boolean.compare(hx, hy);
            String p = x.group(), q = y.group();
            boolean nx = Character.isDigit(p.charAt(0)), ny = Character.isDigit(q.charAt(0));
            int c = nx && ny ? new BigDecimal(p).compareTo(new BigDecimal(q)) : p.compareTo(q);
            if (c != 0) return c;
        }
    }

    private static final String CSS = String.join("\n", Arrays.asList(
            "body { font-family: sans-serif; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; color: #222; }",
            "h1 .kind { font-size: 60%; font-weight: normal; color: #666; }",
            "h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; font-size: 130%; }",
            ".meta, .note { color: #555; font-size: 90%; }",
            ".caption { font-weight: bold; margin: 0.8em 0 0.3em; }",
            "details { margin: 0.6em 0; }",
            "summary { cursor: pointer; font-weight: bold; }",
            "pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; font-size: 85%; }",
            ".table { overflow-x: auto; }",
            "table { border-collapse: collapse; font-size: 85%; margin: 0.4em 0; }",
            "th, td { border: 1px solid #ddd; padding: 2px 6px; text-align: right; white-space: nowrap; }",
            "th { background: #f0f0f0; }",
            "table.kv td { text-align: left; white-space: normal; overflow-wrap: anywhere; max-width: 60em; }",
            "table.kv td:first-child { white-space: nowrap; }",
            "tr.gap td { text-align: center; color: #888; font-style: italic; }",
            "figure { margin: 1em 0; }",
            "img { max-width: 100%; height: auto; border: 1px solid #eee; }",
            "figcaption { font-size: 90%; color: #444; }",
            "nav ul { columns: 2; font-size: 90%; }",
            ""));
}
