package org.privacyportal.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.personaldata.PersonalDataSection;

/**
 * One system's answer in an export: a row per field of the JSON object it answered (nested values
 * as JSON text), or one row saying that it did not answer.
 */
final class SystemAnswerSection implements PersonalDataSection {

	private static final List<String> COLUMNS = List.of("field", "value");

	private final SystemTask task;

	SystemAnswerSection(SystemTask task) {
		this.task = task;
	}

	@Override
	public String key() {
		return "system-" + task.systemId();
	}

	@Override
	public String title() {
		return "Held by " + task.systemName();
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	@Override
	public Set<String> collections() {
		return Set.of(SystemTask.COLLECTION);
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		if (task.result() == null) {
			sink.accept(row("answer", task.status() == SystemTaskStatus.COMPLETED_BY_STAFF
					? "Completed by our staff: " + task.note() : task.systemName() + " did not answer in time"));
			return;
		}
		JsonNode answer = JsonMapper.shared().readTree(task.result());
		answer.properties()
			.forEach(field -> sink.accept(row(field.getKey(),
					field.getValue().isValueNode() ? field.getValue().asString() : field.getValue().toString())));
	}

	private static Map<String, Object> row(String field, String value) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("field", field);
		row.put("value", value);
		return row;
	}

}
