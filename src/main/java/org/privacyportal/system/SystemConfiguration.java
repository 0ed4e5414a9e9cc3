package org.privacyportal.system;

import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What the shared parts need to know of data systems: the tasks made for a subject are their data.
 * Erasure keeps the tasks as proof of what each system was asked, without the answers and without
 * the address; an ERASURE task still open keeps its address, as that is how the system finds the person.
 */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	private static final SubjectCollection<SystemTask> TASKS = SubjectCollection.of(SystemTask.class)
		.exported("systemTasks", "What we asked our other systems to do for you", 1400, "createdAt", "_id")
		.column("system", SystemTask::systemName)
		.column("kind", SystemTask::kind)
		.column("status", SystemTask::status)
		.column("createdAt", SystemTask::createdAt)
		.column("completedAt", SystemTask::completedAt)
		.erasedBy(Erasure.clear("result"),
				Erasure.clear("email")
					.where(new Criteria().orOperator(Criteria.where("kind").ne(SystemTaskKind.ERASURE),
							Criteria.where("status").nin(SystemTaskStatus.OPEN))));

	@Bean
	PersonalData.SectionAndEraser systemTaskData(PersonalData personalData) {
		return personalData.sectionAndEraser(TASKS);
	}

}
