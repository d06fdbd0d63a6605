package dev.exacme.cli.schedule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Validates task definitions with the JDK's XML Schema validator against
 * {@code schedule/task-scheduler.xsd}, transcribed from Microsoft's documented types (see the
 * comment at its top): what {@code schtasks /Create /XML} is documented to check.
 */
final class TaskSchema {

    private static final Schema SCHEMA = load();

    private TaskSchema() {
    }

    private static Schema load() {
        var url = TaskSchema.class.getResource("/schedule/task-scheduler.xsd");
        if (url == null) {
            throw new IllegalStateException("no schedule/task-scheduler.xsd on the test class path");
        }
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("schedule/task-scheduler.xsd is not a valid schema: " + e.getMessage(), e);
        }
    }

    /** Fails with the validator's message (line, column, what it expected) unless {@code xml} is valid. */
    static void validate(String xml) throws SAXException, IOException {
        var text = xml.startsWith("\ufeff") ? xml.substring(1) : xml;
        SCHEMA.newValidator().validate(new StreamSource(new StringReader(text)));
    }

    /** The same for the bytes of a file, read as a parser reads them (byte order mark, encoding declaration). */
    static void validate(byte[] file) throws SAXException, IOException {
        SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(file)));
    }
}
