package org.privacyportal.system;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.system.SystemViews.DataSystemPayload;
import org.privacyportal.system.SystemViews.DataSystemView;
import org.privacyportal.system.SystemViews.RegisterDataSystemInput;
import org.privacyportal.system.SystemViews.RegisterDataSystemPayload;
import org.privacyportal.system.SystemViews.UpdateDataSystemInput;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Registering, changing and listing data systems; a signing secret is shown only when it is made. */
@Service
class SystemRegistry {

	static final int MAX_NAME_LENGTH = 80;

	static final int MAX_ANSWER_WITHIN_HOURS = 720;

	private final MongoTemplate mongo;

	private final Endpoints endpoints;

	private final SecretSeal seal;

	private final Clock clock;

	SystemRegistry(MongoTemplate mongo, Endpoints endpoints, SecretSeal seal, Clock clock) {
		this.mongo = mongo;
		this.endpoints = endpoints;
		this.seal = seal;
		this.clock = clock;
	}

	RegisterDataSystemPayload register(RegisterDataSystemInput input) {
		List<UserError> errors = new ArrayList<>();
		checkName(input.name(), errors);
		checkEndpoint(input.endpoint(), errors);
		checkHandles(input.handles(), errors);
		checkHours(input.answerWithinHours(), errors);
		if (!errors.isEmpty()) {
			return new RegisterDataSystemPayload(null, null, errors);
		}
		String secret = seal.newSecret();
		DataSystem system = new DataSystem(UUID.randomUUID().toString(), input.name().strip(), input.endpoint().strip(),
				distinct(input.handles()), true,
				input.answerWithinHours() == null ? DataSystem.DEFAULT_ANSWER_WITHIN_HOURS : input.answerWithinHours(),
				clock.instant(), null, null, seal.seal(secret));
		try {
			mongo.insert(system);
		}
		catch (DuplicateKeyException ex) {
			return new RegisterDataSystemPayload(null, null, List.of(nameTaken()));
		}
		return new RegisterDataSystemPayload(toView(system), secret, List.of());
	}

	DataSystemPayload update(UpdateDataSystemInput input) {
		DataSystem system = get(input.id());
		List<UserError> errors = new ArrayList<>();
		Update update = new Update();
		if (input.name() != null) {
			checkName(input.name(), errors);
			update.set("name", input.name().strip());
		}
		if (input.endpoint() != null) {
			checkEndpoint(input.endpoint(), errors);
			update.set("endpoint", input.endpoint().strip());
		}
		if (input.handles() != null) {
			checkHandles(input.handles(), errors);
			update.set("handles", distinct(input.handles()));
		}
		if (input.answerWithinHours() != null) {
			checkHours(input.answerWithinHours(), errors);
			update.set("answerWithinHours", input.answerWithinHours());
		}
		if (input.enabled() != null) {
			update.set("enabled", input.enabled());
		}
		if (!errors.isEmpty()) {
			return new DataSystemPayload(null, errors);
		}
		if (!update.getUpdateObject().isEmpty()) {
			try {
				mongo.updateFirst(Query.query(Criteria.where("_id").is(system.id())), update, DataSystem.class);
			}
			catch (DuplicateKeyException ex) {
				return new DataSystemPayload(null, List.of(nameTaken()));
			}
		}
		return new DataSystemPayload(toView(get(system.id())), List.of());
	}

	/** A new secret at once: the old one signs nothing from now on. */
	RegisterDataSystemPayload rotateSecret(String id) {
		DataSystem system = get(id);
		String secret = seal.newSecret();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(system.id())),
				Update.update("sealedSecret", seal.seal(secret)), DataSystem.class);
		return new RegisterDataSystemPayload(toView(system), secret, List.of());
	}

	/** Oldest first. */
	Window<DataSystemView> list(Page page) {
		Query query = new Query().with(Sort.by("createdAt", "id")).with(page.position()).limit(page.size());
		return mongo.scroll(query, DataSystem.class).map(SystemRegistry::toView);
	}

	long count() {
		return mongo.count(new Query(), DataSystem.class);
	}

	DataSystem get(String id) {
		DataSystem system = mongo.findById(id, DataSystem.class);
		if (system == null) {
			throw new NotFoundException("data-system");
		}
		return system;
	}

	String secretOf(DataSystem system) {
		return seal.open(system.sealedSecret());
	}

	static DataSystemView toView(DataSystem system) {
		return new DataSystemView(system.id(), system.name(), system.endpoint(), system.handles(), system.enabled(),
				system.answerWithinHours(), system.createdAt(), system.lastDeliveryAt(), system.lastFailure());
	}

	private static void checkName(@Nullable String name, List<UserError> errors) {
		if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.name", MAX_NAME_LENGTH), "input", "name"));
		}
	}

	private void checkEndpoint(@Nullable String endpoint, List<UserError> errors) {
		Message refusal = endpoint == null ? new Message("error.system.endpoint-missing")
				: endpoints.refusal(endpoint.strip());
		if (refusal != null) {
			errors.add(UserError.invalid(refusal, "input", "endpoint"));
		}
	}

	private static void checkHandles(@Nullable List<SystemTaskKind> handles, List<UserError> errors) {
		if (handles == null || handles.isEmpty()) {
			errors.add(UserError.invalid(new Message("error.system.handles"), "input", "handles"));
		}
	}

	private static void checkHours(@Nullable Integer hours, List<UserError> errors) {
		if (hours != null && (hours < 1 || hours > MAX_ANSWER_WITHIN_HOURS)) {
			errors.add(UserError.invalid(new Message("error.system.answer-within", MAX_ANSWER_WITHIN_HOURS), "input",
					"answerWithinHours"));
		}
	}

	private static List<SystemTaskKind> distinct(List<SystemTaskKind> handles) {
		return List.copyOf(new LinkedHashSet<>(handles));
	}

	private static UserError nameTaken() {
		return UserError.of(UserErrorCode.CONFLICT, new Message("error.system.name-taken"), "input", "name");
	}

}
