package dana.report;

/**
 * Text for an HTML page that is also well-formed XML (every element closed, attributes quoted, only the five
 * XML entities), so that a test can read the page with an XML parser.
 */
final class Html {

    private Html() {
    }

    /** Escapes text or an attribute value; drops the control characters XML does not allow. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    /** An id for an anchor made from a path: letters, digits and '-' only. */
    static String anchor(String path) {
        String a = path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return "d-" + (a.isEmpty() ? "top" : a);
    }
}
