package nl.kamerstroom.parse.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The one way this service parses XML: the JDK's own parser (never whatever a classpath brings),
 * no DOCTYPE at all (so no external entities, no entity expansion, no billion laughs), no
 * XInclude, no external DTDs or schemas, secure processing on, and a bound on element depth. A
 * hostile document ends in a {@link ReadException} naming what it tried, never in a fetch, a hang
 * or an escaped exception.
 */
final class SafeXml {

    /** Real KOOP documents nest about 12 deep; 200 leaves room, and keeps our recursive walks safe. */
    static final int MAX_DEPTH = 200;

    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
        f.setAttribute("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", 1_000);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        f.setValidating(false);
        return f;
    }

    static Document parse(byte[] content, String what) throws ReadException {
        return parse(new ByteArrayInputStream(content), what);
    }

    static Document parse(InputStream content, String what) throws ReadException {
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
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
            return builder.parse(new InputSource(content));
        } catch (SAXException e) {
            throw ReadException.unreadable(what + " is not acceptable XML: " + reason(e), e);
        } catch (IOException | ParserConfigurationException | RuntimeException e) {
            throw ReadException.unreadable(what + " could not be read as XML: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw ReadException.unreadable(what + " nests too deeply to read");
        }
    }

    private static String reason(SAXException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.contains("DOCTYPE") || message.contains("doctype")) {
            return "a DOCTYPE declaration is not allowed (it could declare external or expanding entities)";
        }
        if (message.contains("maxElementDepth") || message.contains("depth")) {
            return "elements nest deeper than " + MAX_DEPTH;
        }
        String where = e instanceof SAXParseException p ? " (line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ")" : "";
        return message + where;
    }
}
