package org.privacyportal.export;

enum ExportFormat {

	JSON("application/json", "json"), ZIP("application/zip", "zip");

	private final String contentType;

	private final String extension;

	ExportFormat(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	String contentType() {
		return contentType;
	}

	String extension() {
		return extension;
	}

}
