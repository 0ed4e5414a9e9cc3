package org.privacyportal.correction;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.privacyportal.api.MapStructConfig;
import org.privacyportal.correction.CorrectionViews.CorrectionRequestView;

@Mapper(config = MapStructConfig.class)
interface CorrectionMapper {

	/** An erased request has no proposed value left; the schema's non-null field shows it empty. */
	@Mapping(target = "proposedValue", defaultValue = "")
	CorrectionRequestView toView(CorrectionRequest request);

}
