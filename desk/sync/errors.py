"""What ends a sync run early: the province's refusals, a network that will not answer,
a reply outside the contract, and the supervisor's cancel. All are ``DeskError``s with a
Vietnamese message; the run turns each into its outcome (docs/sync.md, exit codes)."""

from __future__ import annotations

from desk.errors import ConfigurationError, DeskError


class ProvinceError(DeskError):
    code = "sync.error"


class ProvinceUnreachable(ProvinceError):
    """The server could not be reached or kept failing: nothing is lost, retry later."""

    code = "sync.unreachable"


class ProvinceAuthFailed(ProvinceError):
    code = "sync.auth"


class ProvinceForbidden(ProvinceError):
    code = "sync.forbidden"


class ProvinceProtocolError(ProvinceError):
    """The server refused what we sent as malformed (400) or the key was reused (409), or
    answered something the contract does not allow: a bug to report, not to retry."""

    code = "sync.protocol"


class ProvinceTlsError(ConfigurationError):
    code = "sync.tls"


class BatchTooLarge(ProvinceError):
    code = "sync.batch_too_large"

    def __init__(self, max_batch: int):
        super().__init__(f"Lô quá lớn; máy chủ tỉnh nhận tối đa {max_batch} hồ sơ một lô.")
        self.max_batch = max_batch


class SyncCancelled(ProvinceError):
    code = "sync.cancelled"

    def __init__(self) -> None:
        super().__init__("Đã hủy đồng bộ theo yêu cầu.")


class SyncBusy(DeskError):
    """Another sync run of this office is going (from this desk or another): this one does
    not start. The message names who runs it, on which machine, since when."""

    code = "sync.busy"

    def __init__(self, message: str, *, full_name: str, host: str, since: str):
        super().__init__(message)
        self.full_name = full_name
        self.host = host
        self.since = since
