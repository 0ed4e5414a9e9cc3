package org.privacyportal.deletion;

import org.mapstruct.Mapper;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.deletion.DeletionViews.DeletionRequestView;

@Mapper(config = MapStructConfig.class)
interface DeletionMapper {

	DeletionRequestView toView(DeletionRequest request);

}
