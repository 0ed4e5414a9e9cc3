package org.privacyportal.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import org.privacyportal.personaldata.PersonalDataSection;

/**
 * Writes one export, row by row, straight to its output: nothing but the row at hand is held in
 * memory. A ZIP reads each section three times (for {@code data.json}, its CSV file and the
 * report), since a ZIP's entries are written one after the other.
 */
final class ExportArchive {

	static final String DATA_JSON = "data.json";

	static final String REPORT_HTML = "report.html";

	/** The output belongs to the caller: writers flush it, never close it. */
	private static final JsonFactory JSON = JsonFactory.builder()
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.build();

	private static final String FORMULA_STARTS = "=+-@\t\r";

	/** Reads one section's rows into a sink; the worker's reader also keeps its lease alive. */
	@FunctionalInterface
	interface SectionReader {

		void read(PersonalDataSection section, Consumer<Map<String, Object>> sink);

	}

	private final List<PersonalDataSection> sections;

	private final SectionReader reader;

	private final String subjectId;

	private final Instant generatedAt;

	private final ReportLanguage words;

	ExportArchive(List<PersonalDataSection> sections, SectionReader reader, String subjectId, Instant generatedAt,
			ReportLanguage words) {
		this.sections = sections;
		this.reader = reader;
		this.subjectId = subjectId;
		this.generatedAt = generatedAt;
		this.words = words;
	}

	void write(ExportFormat format, OutputStream out) throws IOException {
		if (format == ExportFormat.JSON) {
			writeJson(out);
		}
		else {
			writeZip(out);
		}
		out.flush();
	}

	/** {@code {generatedAt, subjectId, sections: {key: [rows]}}}, each row's keys in column order. */
	void writeJson(OutputStream out) {
		try (JsonGenerator json = JSON.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("generatedAt", generatedAt.toString());
			json.writeStringProperty("subjectId", subjectId);
			json.writeName("sections");
			json.writeStartObject();
			for (PersonalDataSection section : sections) {
				json.writeName(section.key());
				json.writeStartArray();
				List<String> columns = section.columns();
				reader.read(section, row -> {
					json.writeStartObject();
					for (String column : columns) {
						json.writeName(column);
						writeValue(json, row.get(column));
					}
					json.writeEndObject();
				});
				json.writeEndArray();
			}
			json.writeEndObject();
			json.writeEndObject();
		}
	}

	void writeZip(OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), StandardCharsets.UTF_8);
		entry(zip, DATA_JSON);
		writeJson(zip);
		zip.closeEntry();
		for (PersonalDataSection section : sections) {
			entry(zip, section.key() + ".csv");
			writeCsv(section, zip);
			zip.closeEntry();
		}
		entry(zip, REPORT_HTML);
		writeReport(zip);
		zip.closeEntry();
		zip.close();
	}

	/** RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
	void writeCsv(PersonalDataSection section, OutputStream out) throws IOException {
		Writer csv = writer(out);
		List<String> columns = section.columns();
		csv.write(String.join(",", columns.stream().map(words::heading).map(ExportArchive::csvField).toList()));
		csv.write("\r\n");
		reader.read(section, row -> {
			try {
				for (int i = 0; i < columns.size(); i++) {
					if (i > 0) {
						csv.write(',');
					}
					csv.write(csvField(words.value(row.get(columns.get(i)))));
				}
				csv.write("\r\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	/** The same data for a person: a page with a table per section, every value escaped. */
	void writeReport(OutputStream out) throws IOException {
		Writer html = writer(out);
		String when = words.time(generatedAt);
		String title = escape(words.text("title"));
		html.write("""
				<!DOCTYPE html>
				<html lang="{lang}">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>{title}</title>
				<style>
				body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.5}
				h1{font-size:1.7rem}h2{margin-top:2.5rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
				table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.95rem}
				th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
				thead th,tbody th{background:#f6f8fa}tbody th{width:16rem}
				.none{color:#6e7781}.note{color:#57606a}
				</style>
				</head>
				<body>
				""".replace("{lang}", escape(words.language())).replace("{title}", title));
		// the texts are the portal's own and carry markup; only the values filled in are escaped
		html.write("<h1>" + title + "</h1>\n");
		html.write("<p>" + words.text("intro", escape(when)) + "</p>\n");
		html.write("<p>" + words.text("files", escape(subjectId)) + "</p>\n");
		html.write("<p>" + words.text("rights") + "</p>\n");
		html.write("<h2>" + escape(words.text("contents")) + "</h2>\n<ul>\n");
		for (PersonalDataSection section : sections) {
			html.write("<li><a href=\"#" + escape(section.key()) + "\">" + escape(words.title(section)) + "</a></li>\n");
		}
		html.write("</ul>\n");
		for (PersonalDataSection section : sections) {
			html.write("<section id=\"" + escape(section.key()) + "\">\n<h2>" + escape(words.title(section))
					+ "</h2>\n");
			ReportTable table = new ReportTable(html, section.columns(), words);
			reader.read(section, table::row);
			table.end();
			html.write("</section>\n");
		}
		html.write("<p class=\"note\">" + escape(words.text("generated", when)) + "</p>\n</body>\n</html>\n");
		html.flush();
	}

	private void entry(ZipOutputStream zip, String name) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setLastModifiedTime(FileTime.from(generatedAt));
		zip.putNextEntry(entry);
	}

	private static Writer writer(OutputStream out) {
		return new OutputStreamWriter(new KeepOpen(out), StandardCharsets.UTF_8);
	}

	private static void writeValue(JsonGenerator json, @Nullable Object value) {
		if (value == null) {
			json.writeNull();
		}
		else if (value instanceof Boolean bool) {
			json.writeBoolean(bool);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			json.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof BigInteger big) {
			json.writeNumber(big);
		}
		else if (value instanceof BigDecimal decimal) {
			json.writeNumber(decimal);
		}
		else if (value instanceof Number number) {
			json.writeNumber(number.doubleValue());
		}
		else if (value instanceof Enum<?> constant) {
			json.writeString(constant.name());
		}
		else {
			json.writeString(value.toString());
		}
	}

	/**
	 * A text a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage
	 * return) gets a leading single quote, as OWASP advises; numbers stay numbers.
	 */
	static String csvField(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!(value instanceof Number) && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
			return text;
		}
		return '"' + text.replace("\"", "\"\"") + '"';
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/** {@code purposeKey} reads "Purpose key". */
	static String heading(String column) {
		String spaced = column.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
		return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	static String readable(@Nullable Object value, ReportLanguage words) {
		return value == null ? "<span class=\"none\">—</span>" : escape(words.readable(value));
	}

	/**
	 * One section's table. A section with a single row (a profile) reads best as field and value
	 * lines, so the first row waits until a second one decides the layout.
	 */
	private static final class ReportTable {

		private final Writer html;

		private final List<String> columns;

		private final ReportLanguage words;

		private @Nullable Map<String, Object> first;

		private long rows;

		ReportTable(Writer html, List<String> columns, ReportLanguage words) {
			this.html = html;
			this.columns = columns;
			this.words = words;
		}

		void row(Map<String, Object> row) {
			try {
				rows++;
				if (rows == 1) {
					first = row;
					return;
				}
				if (rows == 2) {
					html.write("<table>\n<thead><tr>");
					for (String column : columns) {
						html.write("<th scope=\"col\">" + escape(words.heading(column)) + "</th>");
					}
					html.write("</tr></thead>\n<tbody>\n");
					line(first);
					first = null;
				}
				line(row);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void end() throws IOException {
			if (rows == 0) {
				html.write("<p class=\"none\">" + escape(words.text("nothing")) + "</p>\n");
			}
			else if (rows == 1) {
				html.write("<table>\n<tbody>\n");
				for (String column : columns) {
					html.write("<tr><th scope=\"row\">" + escape(words.heading(column)) + "</th><td>"
							+ readable(first.get(column), words) + "</td></tr>\n");
				}
				html.write("</tbody>\n</table>\n");
			}
			else {
				html.write("</tbody>\n</table>\n");
			}
		}

		private void line(Map<String, Object> row) throws IOException {
			html.write("<tr>");
			for (String column : columns) {
				html.write("<td>" + readable(row.get(column), words) + "</td>");
			}
			html.write("</tr>\n");
		}

	}

	/** Lets a writer flush into a shared stream without closing it. */
	static final class KeepOpen extends FilterOutputStream {

		KeepOpen(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
