// Size bounds that are part of the contract (documented in the .proto comments).

/** gRPC's default maximum message size (grpc-js: 4 MiB). */
export const GRPC_DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** IntakeService.AttachDocument content: stays under the default message size with headroom. */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

/**
 * MediationService.ExportCaseFile archives may be larger than the default message size: the
 * mediation service sets grpc.max_send_message_length and its callers grpc.max_receive_message_length
 * to this value.
 */
export const MAX_CASE_FILE_BYTES = 64 * 1024 * 1024;
