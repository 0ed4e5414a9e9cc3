package org.privacyportal.export;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.export.ExportViews.DataExportView;
import org.privacyportal.export.ExportViews.RequestDataExportInput;
import org.privacyportal.export.ExportViews.RequestDataExportPayload;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Export requests, their listing and the ownership of exports. */
@Service
class ExportService {

	private final MongoTemplate mongo;

	private final ExportMapper mapper;

	private final ExportWorker worker;

	private final ExportUpdates updates;

	private final AuditService audit;

	private final Clock clock;

	ExportService(MongoTemplate mongo, ExportMapper mapper, ExportWorker worker, ExportUpdates updates,
			AuditService audit, Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.worker = worker;
		this.updates = updates;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A new PENDING export. A second open one is refused by the unique index on {@code openSlot},
	 * which holds even when two requests race on two instances.
	 */
	RequestDataExportPayload request(String subjectId, RequestDataExportInput input) {
		DataExport export = DataExport.requested(UUID.randomUUID().toString(), subjectId, input.format(),
				clock.instant());
		try {
			mongo.insert(export);
		}
		catch (DuplicateKeyException ex) {
			return new RequestDataExportPayload(null, List.of(UserError.of(UserErrorCode.LIMIT_REACHED,
					new Message("error.export.pending"))));
		}
		audit.record(AuditEntry.bySubject(subjectId, "export.requested", export.id(),
				Map.of("format", export.format().name())));
		updates.changed(export.id());
		worker.wake();
		return new RequestDataExportPayload(mapper.toView(export), List.of());
	}

	/** Newest first. */
	Window<DataExportView> list(String subjectId, Page page) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.DESC, "requestedAt"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, DataExport.class).map(mapper::toView);
	}

	long count(String subjectId) {
		return mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), DataExport.class);
	}

	/** Status changes of one of the subject's exports; someone else's id is not found, like an unknown one. */
	Flux<DataExportView> watch(String subjectId, String exportId) {
		find(exportId).filter(export -> export.subjectId().equals(subjectId))
			.orElseThrow(() -> new NotFoundException("export"));
		return updates.watch(exportId);
	}

	Optional<DataExport> find(String exportId) {
		return Optional.ofNullable(mongo.findById(exportId, DataExport.class));
	}

	/**
	 * The first download through a link (named by its expiry) goes to the audit trail; repeats and
	 * resumed downloads through the same link do not.
	 */
	void recordDownload(DataExport export, long linkExpiry) {
		Query firstThroughLink = Query.query(Criteria.where("_id").is(export.id()).and("downloadedLinks").ne(linkExpiry));
		if (mongo.updateFirst(firstThroughLink, new Update().push("downloadedLinks", linkExpiry), DataExport.class)
			.getModifiedCount() == 1) {
			audit.record(AuditEntry.bySubject(export.subjectId(), "export.downloaded", export.id(), Map.of()));
		}
	}

}
