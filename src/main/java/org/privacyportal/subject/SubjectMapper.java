package org.privacyportal.subject;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.subject.SubjectViews.SubjectView;

@Mapper(config = MapStructConfig.class)
interface SubjectMapper {

	SubjectView toView(Subject subject);

}
