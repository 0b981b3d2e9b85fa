package nl.kamerstroom.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way kamerstroom parses XML from outside (KOOP XML, ODT's content.xml, the SyncFeed's
 * Atom, SRU responses): the JDK's own parser (never whatever a classpath brings), no DOCTYPE at
 * all (so no external entities, no entity expansion, no billion laughs), no XInclude, no external
 * DTDs or schemas, secure processing on, and the {@link XmlLimits}: size, depth, entity
 * expansions. A hostile document ends in an {@link XmlRefusedException} naming what it tried,
 * never in a fetch, a hang or an escaped exception. Its message reads as a predicate ("not
 * acceptable XML: …", "too large: …"), so callers can prefix what the document was.
 */
public final class HardenedXml {

    private static final String JDK = "http://www.oracle.com/xml/jaxp/properties/";
    private static final String XINCLUDE = "http://www.w3.org/2001/XInclude";
    /** One configured factory per distinct limits (in practice one or two per process). */
    private static final Map<XmlLimits, DocumentBuilderFactory> FACTORIES = new ConcurrentHashMap<>();

    private HardenedXml() {
    }

    /** The document under {@link XmlLimits#DEFAULT}. */
    public static Document parse(byte[] xml) throws XmlRefusedException {
        return parse(xml, XmlLimits.DEFAULT);
    }

    public static Document parse(byte[] xml, XmlLimits limits) throws XmlRefusedException {
        if (xml.length > limits.maxBytes()) {
            throw new XmlRefusedException("too large: " + xml.length + " bytes of XML, more than the limit of "
                    + limits.maxBytes() + " bytes", null);
        }
        int tags = 0;
        for (byte b : xml) {
            // in UTF-8 a '<' byte is a '<' (text must escape it); in UTF-16 a byte count may over-count,
            // which only makes the bound stricter
            if (b == '<' && ++tags > limits.maxTags()) {
                throw new XmlRefusedException("too large: more than " + limits.maxTags()
                        + " tags of XML, the limit (the tree would not fit in memory)", null);
            }
        }
        try {
            DocumentBuilderFactory factory = FACTORIES.computeIfAbsent(limits, HardenedXml::factory);
            DocumentBuilder builder;
            synchronized (factory) {
                // the factory is not documented as thread-safe; a builder per parse is
                builder = factory.newDocumentBuilder();
            }
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' refused");
            });
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document document = builder.parse(new InputSource(new ByteArrayInputStream(xml)));
            if (document.getElementsByTagNameNS(XINCLUDE, "*").getLength() > 0) {
                // never resolved (XInclude is off), but a document that asks for another resource is
                // hostile by intent, and reading on would silently drop what it pretends to contain
                throw new XmlRefusedException("not acceptable XML: an XInclude element is not allowed"
                        + " (it asks to pull in another resource)", null);
            }
            return document;
        } catch (SAXException e) {
            throw new XmlRefusedException("not acceptable XML: " + reason(e, limits), e);
        } catch (IOException | ParserConfigurationException | RuntimeException e) {
            throw new XmlRefusedException("not readable as XML: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new XmlRefusedException("nested too deeply to read", null);
        }
    }

    private static DocumentBuilderFactory factory(XmlLimits limits) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://apache.org/xml/features/xinclude", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute(JDK + "maxElementDepth", limits.maxDepth());
        f.setAttribute(JDK + "entityExpansionLimit", limits.maxEntityExpansions());
        // the size of all entity text together and of any one entity: a bound on expansion output
        f.setAttribute(JDK + "totalEntitySizeLimit", (int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        f.setAttribute(JDK + "maxGeneralEntitySizeLimit", (int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        f.setAttribute(JDK + "maxParameterEntitySizeLimit", 1_000_000);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        f.setValidating(false);
        return f;
    }

    private static String reason(SAXException e, XmlLimits limits) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("DOCTYPE") || message.contains("doctype")) {
            return "a DOCTYPE declaration is not allowed (it could declare external or expanding entities)";
        }
        if (message.contains("maxElementDepth") || message.contains("JAXP00010007")) {
            return "elements nest deeper than " + limits.maxDepth();
        }
        if (message.contains("JAXP0001")) {
            return "an XML processing limit was exceeded (" + message + ")";
        }
        String where = e instanceof SAXParseException p ? " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")" : "";
        return message + where;
    }
}
