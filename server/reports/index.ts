// Pure report builders (docs/attribution.md#server-side-classification): the server classifies
// every first touch itself and names it one way in calls, form submissions, the dashboard and
// webhooks. No I/O here; the store and the API call these.
export { classifyTouch, displayName, type Classification, type Touch } from "./classify";
export { serverLookup, lookupHost, type ServerKnown } from "./hosts";
export { trackerAttribution, type TrackerAttribution, type TrackerLike } from "./tracker";
export { callAttribution, UNKNOWN_SOURCE, type CallAttribution } from "./call";
export {
  formSubmissionObject,
  submittedAt,
  submissionTouch,
  type FormSubmissionObject,
  type StoredSubmission,
  type SubmissionFacts,
} from "./formSubmission";
export { milestone, type Milestone, type TouchContext } from "./milestone";
export { customerOf, formatName, roleOf, type Customer } from "./customer";
export { toE164, formatPhone } from "./phone";
export { deviceOf, browserOf, type Device } from "./agent";
