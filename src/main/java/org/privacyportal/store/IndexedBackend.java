package org.privacyportal.store;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with a {@link SortedIndex} for each non-unique index declared
 * (the library accepts those and ignores them) and {@link IndexedCollection}s that use them. Every
 * command's writes reach the file before it is answered: H2 saves once a second by itself, so a
 * {@code kill -9} lost writes the portal had already confirmed (found by
 * {@code bench/crash-recovery.sh}).
 */
final class IndexedBackend extends H2Backend {

	IndexedBackend(MVStore store) {
		super(store);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		try {
			return super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			if (getMvStore().hasUnsavedChanges()) {
				commit();
			}
		}
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IndexedDatabase(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Inner rather than nested: the library opens a database's collections and indexes from its
	 * constructor, before any field of a subclass is set, so the store comes from the backend.
	 */
	private final class IndexedDatabase extends H2Database {

		IndexedDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
			super(databaseName, store, cursorRegistry);
		}

		@Override
		protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
				List<IndexKey> keys, boolean sparse) {
			return new SortedIndex(indexName, keys, sparse);
		}

		/** The maps {@link H2Database} names, so a data file written without the indexes opens unchanged. */
		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			String name = getFullCollectionNamespace(collectionName);
			MVStore store = getMvStore();
			return new IndexedCollection(this, collectionName, options, store.openMap("databases." + name),
					store.openMap("meta." + name), cursorRegistry);
		}

	}

}
