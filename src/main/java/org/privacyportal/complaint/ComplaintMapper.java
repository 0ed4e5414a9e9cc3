package org.privacyportal.complaint;

import java.time.Instant;

import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.complaint.ComplaintViews.ComplaintView;

@Mapper(config = MapStructConfig.class)
interface ComplaintMapper {

	@Mapping(target = "overdue", expression = "java(complaint.overdueAt(now))")
	ComplaintView toView(Complaint complaint, @Context Instant now);

}
