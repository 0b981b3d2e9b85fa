package nl.kamerstroom.ingest.source;

import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.formats.HardenedXml;
import nl.kamerstroom.formats.XmlRefusedException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XML from the outside world (SyncFeed Atom, entities, SRU responses), parsed by the one hardened
 * parser of {@code nl.kamerstroom.formats} (DOCTYPEs refused, no external entities, no XInclude, size,
 * tag, depth and entity limits), and read by local name, so a source that changes its prefixes, or
 * a fixture without them, reads the same.
 */
public final class SafeXml {

    private SafeXml() {
    }

    /**
     * The parsed document under the shared default limits; {@link MalformedException} when it is not
     * well-formed XML, has a DOCTYPE, or exceeds a limit (e.g. nests deeper than 200).
     */
    public static Document parse(byte[] xml) {
        try {
            return HardenedXml.parse(xml);
        } catch (XmlRefusedException e) {
            throw new MalformedException(e.getMessage(), e);
        }
    }

    public static String localName(Node node) {
        String local = node.getLocalName();
        return local != null ? local : node.getNodeName();
    }

    /** Direct child elements with this local name. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(localName(e)))) {
                found.add(e);
            }
        }
        return found;
    }

    public static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The trimmed text of the first direct child with this local name; null when absent, empty or xsi:nil. */
    public static String childText(Element parent, String localName) {
        Element child = child(parent, localName);
        if (child == null) {
            return null;
        }
        String text = child.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    /** All descendants with this local name, in document order. */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        collect(root, localName, found);
        return found;
    }

    public static String descendantText(Element root, String localName) {
        for (Element e : descendants(root, localName)) {
            String text = e.getTextContent().trim();
            if (!text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    /** An attribute by local name, whatever its prefix. */
    public static String attribute(Element element, String localName) {
        var attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (localName.equals(localName(a))) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    private static void collect(Element element, String localName, List<Element> found) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (localName.equals(localName(e))) {
                    found.add(e);
                }
                collect(e, localName, found);
            }
        }
    }

    /** The bytes are not the XML we expected. */
    public static class MalformedException extends RuntimeException {
        public MalformedException(String message, Throwable cause) {
            super(message, cause);
        }

        public MalformedException(String message) {
            super(message);
        }
    }
}
