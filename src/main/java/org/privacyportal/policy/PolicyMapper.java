package org.privacyportal.policy;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;

@Mapper(config = MapStructConfig.class)
interface PolicyMapper {

	PolicyView toView(PolicyVersion version);

}
