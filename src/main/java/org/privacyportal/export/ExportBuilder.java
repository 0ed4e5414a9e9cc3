package org.privacyportal.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.mongodb.client.gridfs.GridFSUploadStream;

import org.privacyportal.language.Languages;
import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Writes the file of one export attempt from every {@link PersonalDataSection}, telling a section's
 * failure ({@link SectionFailedException}) from a failure to write; a partial upload is aborted.
 */
final class ExportBuilder {

	private static final Pattern SECTION_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

	private final ExportFiles files;

	private final List<PersonalDataSection> sections;

	private final Clock clock;

	private final MessageSource messages;

	ExportBuilder(ExportFiles files, List<PersonalDataSection> sections, Clock clock, MessageSource messages) {
		this.files = files;
		this.sections = List.copyOf(sections);
		this.clock = clock;
		this.messages = messages;
		checkSections(this.sections);
	}

	/** Section keys become JSON keys, file names and HTML anchors: they must be unique and plain. */
	private static void checkSections(List<PersonalDataSection> sections) {
		Set<String> keys = new HashSet<>();
		for (PersonalDataSection section : sections) {
			if (!SECTION_KEY.matcher(section.key()).matches() || !keys.add(section.key())) {
				throw new IllegalStateException("Export section key '" + section.key() + "' is not unique or not plain");
			}
		}
	}

	/**
	 * Writes the file of attempt {@code export.attempts()}, the data systems' answers after the portal's
	 * own sections, and answers its size; {@code progress} runs before each section and row and may stop
	 * the build by throwing. The report and the CSV headers are written in {@code language}.
	 */
	long build(DataExport export, List<PersonalDataSection> systemSections, Runnable progress, String language)
			throws IOException {
		// chunks left by an attempt that crashed mid-upload
		files.deleteAttempts(export.id(), 1, export.attempts() - 1);
		Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String fileId = DataExport.fileId(export.id(), export.attempts());
		String fileName = "privacy-export-" + LocalDate.ofInstant(generatedAt, ZoneOffset.UTC) + "."
				+ export.format().extension();
		GridFSUploadStream upload = files.create(fileId, fileName, export.id(), export.subjectId(),
				export.format().contentType());
		try {
			// the upload is completed or aborted here, never by a writer closing the stream
			OutputStream out = new BufferedOutputStream(new ExportArchive.KeepOpen(upload), 64 * 1024);
			List<PersonalDataSection> all = new ArrayList<>(sections);
			all.addAll(systemSections);
			// sections that write words of their own (a purpose's title) write them in the report's language
			LocaleContextHolder.setLocale(Languages.locale(language));
			new ExportArchive(all, reader(export.subjectId(), progress), export.subjectId(), generatedAt,
					new ReportLanguage(language, messages))
				.write(export.format(), out);
		}
		catch (IOException | RuntimeException ex) {
			abort(upload, ex);
			throw ex;
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
		upload.close();
		return files.length(fileId);
	}

	private static void abort(GridFSUploadStream upload, Exception cause) {
		try {
			upload.abort();
		}
		catch (RuntimeException ex) {
			// the chunks written so far go with the next attempt or the eraser
			cause.addSuppressed(ex);
		}
	}

	private static ExportArchive.SectionReader reader(String subjectId, Runnable progress) {
		return (section, sink) -> {
			Consumer<Map<String, Object>> guarded = row -> {
				progress.run();
				try {
					sink.accept(row);
				}
				catch (RuntimeException ex) {
					throw new WriteFailedException(ex);
				}
			};
			progress.run();
			try {
				section.rows(subjectId, guarded);
			}
			catch (StoppedException | WriteFailedException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new SectionFailedException(section.key(), ex);
			}
		};
	}

	/** Thrown by a build's {@code progress} to stop it; passes through every section untouched. */
	static class StoppedException extends RuntimeException {

		StoppedException() {
			super(null, null, false, false);
		}

	}

	static final class SectionFailedException extends RuntimeException {

		final String section;

		SectionFailedException(String section, RuntimeException cause) {
			super(cause);
			this.section = section;
		}

	}

	private static final class WriteFailedException extends RuntimeException {

		WriteFailedException(RuntimeException cause) {
			super(cause);
		}

	}

}
