"""Qt-free sync (数据交换): enrollment, trust list, signed and encrypted packages.

Main entry points (each takes an open :class:`~leftbehind_desktop.store.store.Store`):
``enroll.make_request / read_request / approve / read_response / accept / revoke / rotate
/ trust_update / import_trust_document``, ``package.export_package / verify_package /
import_package``, ``review.review_items / decide / pass_all / quarter_review_state /
confirm_no_changes`` (逐条审核) and ``review.resolve_conflict / resolve_duplicate``,
``overview.overview``. Long operations take ``progress(done, total)``.
"""
