package org.privacyportal.export;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.privacyportal.export.ExportViews.DataExportView;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Status changes for {@code dataExportUpdated}. A change made on this instance is announced at
 * once; one made by another instance's worker is seen by re-reading the export every
 * {@code updatePollInterval} (the embedded store has no change streams). Every subscription to one
 * export shares one such poll, which stops with its last subscriber.
 */
@Component
class ExportUpdates {

	private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

	private final Map<String, Flux<DataExportView>> polls = new ConcurrentHashMap<>();

	private final MongoTemplate mongo;

	private final ExportMapper mapper;

	private final ExportProperties properties;

	ExportUpdates(MongoTemplate mongo, ExportMapper mapper, ExportProperties properties) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.properties = properties;
	}

	/** Announces that an export changed; serialised because a sink takes one emitter at a time. */
	synchronized void changed(String exportId) {
		changes.tryEmitNext(exportId);
	}

	/**
	 * The export now and after each change; completes once it is FAILED or EXPIRED, or gone
	 * (erased).
	 */
	Flux<DataExportView> watch(String exportId) {
		return Flux.defer(() -> polls.computeIfAbsent(exportId, this::sharedPoll));
	}

	/** How many exports are being polled now. */
	int polls() {
		return polls.size();
	}

	/** One poll for every subscriber of the export; a late subscriber starts from its latest state. */
	private Flux<DataExportView> sharedPoll(String exportId) {
		AtomicReference<Flux<DataExportView>> self = new AtomicReference<>();
		Flux<DataExportView> shared = poll(exportId).doFinally(signal -> polls.remove(exportId, self.get()))
			.replay(1)
			.refCount();
		self.set(shared);
		return shared;
	}

	private Flux<DataExportView> poll(String exportId) {
		Flux<String> triggers = Flux.merge(Flux.interval(Duration.ZERO, properties.updatePollInterval())
			.map(tick -> exportId), changes.asFlux().filter(exportId::equals)).onBackpressureLatest();
		return triggers
			.concatMap(trigger -> Mono.fromCallable(() -> load(exportId)).subscribeOn(Schedulers.boundedElastic()), 1)
			.takeWhile(Optional::isPresent)
			.map(Optional::get)
			.distinctUntilChanged()
			.takeUntil(export -> export.status().isFinal());
	}

	private Optional<DataExportView> load(String exportId) {
		return Optional.ofNullable(mongo.findById(exportId, DataExport.class)).map(mapper::toView);
	}

}
