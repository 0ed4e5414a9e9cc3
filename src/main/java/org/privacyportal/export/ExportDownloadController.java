package org.privacyportal.export;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;

import org.springframework.core.io.AbstractResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a READY export to whoever holds a valid presigned link. A link that is unknown, tampered
 * with or made for another export is a 404 whether the export exists or not; an authentic link
 * past its time is a 403, since its holder already knows the export exists.
 */
@RestController
class ExportDownloadController {

	private static final ResponseEntity<Object> NOT_FOUND = ResponseEntity.status(HttpStatus.NOT_FOUND)
		.contentType(MediaType.APPLICATION_JSON)
		.body(Map.of("error", "not_found", "message", "There is no export at this link"));

	private static final ResponseEntity<Object> EXPIRED = ResponseEntity.status(HttpStatus.FORBIDDEN)
		.contentType(MediaType.APPLICATION_JSON)
		.body(Map.of("error", "link_expired",
				"message", "This download link has expired; open your exports in the portal for a new one"));

	private final ExportService exports;

	private final ExportFiles files;

	private final DownloadLinks links;

	ExportDownloadController(ExportService exports, ExportFiles files, DownloadLinks links) {
		this.exports = exports;
		this.files = files;
		this.links = links;
	}

	@GetMapping("/exports/{id}/download")
	ResponseEntity<Object> download(@PathVariable String id, @RequestParam(required = false) String expires,
			@RequestParam(required = false) String token, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) {
		Long expiry = epochSeconds(expires);
		Optional<DataExport> found = exports.find(id);
		if (expiry == null || found.isEmpty() || !links.isAuthentic(id, found.get().subjectId(), expiry, token)) {
			return NOT_FOUND;
		}
		if (links.isExpired(expiry)) {
			return EXPIRED;
		}
		DataExport export = found.get();
		if (export.status() != ExportStatus.READY || export.fileId() == null) {
			return NOT_FOUND;
		}
		GridFSFile file;
		try (GridFSDownloadStream content = files.open(export.fileId())) {
			file = content.getGridFSFile();
		}
		catch (MongoGridFSException ex) {
			// expired or erased between the lookup and now
			return NOT_FOUND;
		}
		if (startsAtTheBeginning(range)) {
			exports.recordDownload(export, expiry);
		}
		// a Resource that can be opened again lets Spring answer Range requests (206, 416)
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(export.format().contentType()))
			.cacheControl(CacheControl.noStore())
			.eTag(export.fileId())
			.header("Content-Disposition", ContentDisposition.attachment().filename(file.getFilename()).build().toString())
			.body(new StoredFile(files, export.fileId(), file));
	}

	/** A resumed download is the same download: only a request from the first byte is recorded. */
	private static boolean startsAtTheBeginning(String range) {
		if (range == null) {
			return true;
		}
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(range);
			return ranges.isEmpty() || ranges.get(0).getRangeStart(Long.MAX_VALUE) == 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Long epochSeconds(String value) {
		if (value == null || value.isEmpty() || value.length() > 12) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** An export file in GridFS, opened afresh for every read; GridFS seeks to a range's first chunk. */
	private static final class StoredFile extends AbstractResource {

		private final ExportFiles files;

		private final String fileId;

		private final GridFSFile file;

		StoredFile(ExportFiles files, String fileId, GridFSFile file) {
			this.files = files;
			this.fileId = fileId;
			this.file = file;
		}

		@Override
		public InputStream getInputStream() {
			return files.open(fileId);
		}

		@Override
		public long contentLength() {
			return file.getLength();
		}

		@Override
		public String getFilename() {
			return file.getFilename();
		}

		@Override
		public boolean exists() {
			return true;
		}

		@Override
		public String getDescription() {
			return "export file " + fileId;
		}

	}

}
