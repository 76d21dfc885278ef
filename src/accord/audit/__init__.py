"""Negotiation records audited on the exact map: real or simulated offers against the frontier."""

from accord.audit.record import Move, Record, parse_record
from accord.audit.record_files import bundled_record_for, bundled_records, read_record
from accord.audit.result import AuditResult, MoveAudit, audit

__all__ = ["AuditResult", "Move", "MoveAudit", "Record", "audit", "bundled_record_for", "bundled_records",
           "parse_record", "read_record"]
