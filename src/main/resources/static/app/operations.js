// Every document the app sends. persisted-query-manifest.json is generated from this file
// (see WebAppManifestTests); keep one operation per constant, no fragments.

export const Policy = `query Policy {
  privacyPolicy { version effectiveAt summary text material }
}`;

export const Me = `query Me {
  me {
    id registeredAt collectionSources policyAcknowledgementRequired
    profile { fullName email phone organization postalAddress { line1 line2 city region postalCode country } }
    consents { updatedAt purposes { purpose { key title description basis } granted source } }
    deletionRequest { id status reason submittedAt scheduledFor }
  }
}`;

export const MyExports = `query MyExports {
  me { exports(first: 5) { edges { node { id format status requestedAt expiresAt sizeBytes downloadUrl } } } }
}`;

export const MyCorrections = `query MyCorrections {
  me { correctionRequests(first: 20) { edges { node { id field proposedValue status submittedAt dueAt decisionNote } } } }
}`;

export const MyComplaints = `query MyComplaints {
  me {
    complaints(first: 20) {
      edges { node { id category summary status filedAt dueAt remedy messages { id author body at } } }
    }
  }
}`;

export const AcknowledgePolicy = `mutation AcknowledgePolicy($version: String!) {
  acknowledgePolicy(version: $version) { acknowledgement { version at } userErrors { field message code } }
}`;

export const UpdateConsents = `mutation UpdateConsents($changes: [ConsentChangeInput!]!) {
  updateConsents(input: {changes: $changes, channel: "web"}) {
    consents { updatedAt purposes { purpose { key } granted source } }
    userErrors { field message code }
  }
}`;

export const RequestDataExport = `mutation RequestDataExport($format: ExportFormat!) {
  requestDataExport(input: {format: $format}) { export { id format status } userErrors { field message code } }
}`;

export const DataExportUpdated = `subscription DataExportUpdated($id: ID!) {
  dataExportUpdated(id: $id) { id format status sizeBytes downloadUrl expiresAt }
}`;

export const SubmitCorrection = `mutation SubmitCorrection($input: SubmitCorrectionRequestInput!) {
  submitCorrectionRequest(input: $input) { request { id status } userErrors { field message code } }
}`;

export const CancelCorrection = `mutation CancelCorrection($id: ID!) {
  cancelCorrectionRequest(id: $id) { request { id status } userErrors { field message code } }
}`;

export const FileComplaint = `mutation FileComplaint($input: FileComplaintInput!) {
  fileComplaint(input: $input) { complaint { id status } userErrors { field message code } }
}`;

export const ReplyToComplaint = `mutation ReplyToComplaint($input: ReplyToComplaintInput!) {
  replyToComplaint(input: $input) { complaint { id status } userErrors { field message code } }
}`;

export const RequestDeletion = `mutation RequestDeletion($reason: String) {
  requestDeletion(input: {reason: $reason}) { request { id status scheduledFor } userErrors { field message code } }
}`;

export const CancelDeletion = `mutation CancelDeletion($id: ID!) {
  cancelDeletionRequest(id: $id) { request { id status } userErrors { field message code } }
}`;

export const StaffQueues = `query StaffQueues($requests: RequestFilter, $complaints: ComplaintFilter) {
  correctionRequests(filter: $requests, first: 50) {
    totalCount
    edges { node { id subjectId field currentValue proposedValue reason status submittedAt dueAt extendedAt } }
  }
  deletionRequests(filter: $requests, first: 50) {
    totalCount
    edges { node { id subjectId status reason submittedAt scheduledFor dueAt extendedAt blockedBy } }
  }
  complaints(filter: $complaints, first: 50) {
    totalCount
    edges {
      node {
        id subjectId category urgent summary description status filedAt dueAt overdue assignee remedy
        messages { id author body internal at }
      }
    }
  }
}`;

export const ReviewCorrection = `mutation ReviewCorrection($input: ReviewCorrectionRequestInput!) {
  reviewCorrectionRequest(input: $input) { request { id status decisionNote } userErrors { field message code } }
}`;

export const UpdateComplaint = `mutation UpdateComplaint($input: UpdateComplaintInput!) {
  updateComplaint(input: $input) { complaint { id status } userErrors { field message code } }
}`;

export const ExtendDeadline = `mutation ExtendDeadline($input: ExtendRequestDeadlineInput!) {
  extendRequestDeadline(input: $input) { dueAt userErrors { field message code } }
}`;

export const SetLegalHold = `mutation SetLegalHold($input: SetLegalHoldInput!) {
  setLegalHold(input: $input) { subject { id legalHold } userErrors { field message code } }
}`;

export const RequestMetrics = `query RequestMetrics(
  $from0: DateTime!, $to0: DateTime!, $from1: DateTime!, $to1: DateTime!, $from2: DateTime!, $to2: DateTime!,
  $from3: DateTime!, $to3: DateTime!, $from4: DateTime!, $to4: DateTime!, $from5: DateTime!, $to5: DateTime!
) {
  m0: requestMetrics(from: $from0, to: $to0) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
  m1: requestMetrics(from: $from1, to: $to1) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
  m2: requestMetrics(from: $from2, to: $to2) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
  m3: requestMetrics(from: $from3, to: $to3) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
  m4: requestMetrics(from: $from4, to: $to4) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
  m5: requestMetrics(from: $from5, to: $to5) { from caseTypes { caseType received completed rejected dismissed medianDaysToClose } }
}`;
