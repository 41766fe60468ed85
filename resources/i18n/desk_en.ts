<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name></name>
    <message>
        <location filename="../../desk/ui/scan_routing.py" line="64"/>
        <source>Đã đọc thẻ căn cước của {name}. Mở màn hình tiếp nhận (F2) rồi quét lại để điền vào hồ sơ mới.</source>
        <translation>Read the ID card of {name}. Open intake (F2) and scan again to fill a new dossier.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/scan_routing.py" line="77"/>
        <source>Không đọc được mã vừa quét: {message}</source>
        <translation>The code just scanned could not be read: {message}</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="203"/>
        <source>Hẹn lại ngày trả kết quả</source>
        <translation>New due date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="208"/>
        <source>Hồ sơ sẽ có ngày hẹn mới; ngày hẹn cũ vẫn được lưu và việc đúng hạn vẫn tính theo ngày hẹn cũ. Sau khi ghi, văn bản xin lỗi được in ngay.</source>
        <translation>The dossier gets a new due date; the old one stays on record and timeliness is still judged against it. The apology letter prints right after saving.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="222"/>
        <source>Ngày hẹn mới</source>
        <translation>New due time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="223"/>
        <source>Lý do chậm</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="228"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="228"/>
        <source>Ghi và in văn bản xin lỗi</source>
        <translation>Save and print the apology</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="234"/>
        <source>Cần ghi lý do chậm trả kết quả.</source>
        <translation>Write the reason for the delay.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="237"/>
        <source>Cần ghi lý do vì sao đây là lỗi của cơ quan.</source>
        <translation>Write why this is the office&apos;s fault.</translation>
    </message>
</context>
<context>
    <name>AttentionBox</name>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="117"/>
        <source>Cần xem xét</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="133"/>
        <source>Ghi chú xử lý (bắt buộc): đã làm gì, với ai</source>
        <translation>Note on what was done (required): what, and with whom</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="139"/>
        <source>Đã xem xét</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="141"/>
        <source>Gửi lại</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="144"/>
        <source>Hồ sơ bị từ chối: gửi lại nguyên trạng. Hồ sơ xung đột: gửi bản của quầy với phiên bản mới (ghi vào lịch sử hồ sơ).</source>
        <translation>A rejected dossier is sent again as it is. A conflicting dossier: the desk&apos;s copy is sent with a new version (written in the dossier&apos;s history).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="203"/>
        <source>Chưa nhập ghi chú xử lý.</source>
        <translation>No note on what was done yet.</translation>
    </message>
</context>
<context>
    <name>AttentionKind</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="49"/>
        <source>Tỉnh từ chối</source>
        <translation>Rejected by the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="50"/>
        <source>Xung đột phiên bản</source>
        <translation>Version conflict</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="51"/>
        <source>Thay đổi từ tỉnh cho hồ sơ không có</source>
        <translation>Change from the province for an unknown dossier</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="52"/>
        <source>Thay đổi từ tỉnh không hợp lệ</source>
        <translation>Invalid change from the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="53"/>
        <source>Thay đổi từ tỉnh sai dữ liệu</source>
        <translation>Change from the province with wrong data</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="54"/>
        <source>Thiếu tệp đính kèm</source>
        <translation>Attachment missing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="55"/>
        <source>Tỉnh không nhận tệp</source>
        <translation>File refused by the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="56"/>
        <source>Hệ thống tỉnh mới</source>
        <translation>New province system</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="57"/>
        <source>Lô bị để riêng</source>
        <translation>Batch set aside</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="58"/>
        <source>Thay đổi từ tỉnh đã được làm sạch</source>
        <translation>Change from the province, cleaned</translation>
    </message>
</context>
<context>
    <name>AttentionTableModel</name>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="51"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="52"/>
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="53"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="54"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_attention.py" line="55"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="72"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="73"/>
        <source>Thay đổi hồ sơ</source>
        <translation>Dossier changed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="74"/>
        <source>Mở xem hồ sơ</source>
        <translation>Dossier viewed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="75"/>
        <source>In giấy tờ của hồ sơ</source>
        <translation>Dossier papers printed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="76"/>
        <source>Xuất dữ liệu hồ sơ</source>
        <translation>Dossier data exported</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="77"/>
        <source>In sổ theo dõi</source>
        <translation>Register book printed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="78"/>
        <source>Ghi nhận dữ liệu có sẵn khi bắt đầu nhật ký</source>
        <translation>Existing data recorded when the log started</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="79"/>
        <source>Tạo tài khoản</source>
        <translation>Account created</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="80"/>
        <source>Sửa tài khoản</source>
        <translation>Account changed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="81"/>
        <source>Đổi mật khẩu</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="82"/>
        <source>Đăng nhập</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="83"/>
        <source>Đăng nhập sai</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="84"/>
        <source>Thiết lập cơ quan</source>
        <translation>Office set up</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="85"/>
        <source>Nạp danh mục thủ tục</source>
        <translation>Procedure catalogue loaded</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="86"/>
        <source>Điều chỉnh lịch làm việc</source>
        <translation>Working calendar adjusted</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="87"/>
        <source>Xử lý mục cần xem xét</source>
        <translation>Attention item handled</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="88"/>
        <source>Đồng bộ với tỉnh</source>
        <translation>Synced with the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="89"/>
        <source>Cấp số văn bản</source>
        <translation>Letter number issued</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="90"/>
        <source>Gặp hệ thống tỉnh mới: gửi lại mọi hồ sơ</source>
        <translation>New province system met: every dossier sent again</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="91"/>
        <source>Tiếp quản lượt đồng bộ bị bỏ dở</source>
        <translation>Abandoned sync run taken over</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="92"/>
        <source>Để riêng một lô đồng bộ bị kẹt</source>
        <translation>Stuck sync batch set aside</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="93"/>
        <source>Sao lưu dữ liệu</source>
        <translation>Data backed up</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="94"/>
        <source>Khôi phục dữ liệu từ bản sao lưu</source>
        <translation>Data restored from a backup</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="95"/>
        <source>Đặt cụm mật khẩu sao lưu</source>
        <translation>Backup passphrase set</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="96"/>
        <source>Lập báo cáo số liệu</source>
        <translation>Figures report written</translation>
    </message>
</context>
<context>
    <name>AutomaticBackups</name>
    <message>
        <location filename="../../desk/ui/backup.py" line="219"/>
        <source>Chưa đặt mật khẩu sao lưu: dữ liệu chưa được sao lưu. Quản trị viên đặt mật khẩu trong «Sao lưu».</source>
        <translation>No backup passphrase yet: the data is not backed up. An administrator sets it under “Backup”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="229"/>
        <source>Đã sao lưu vào máy; chưa chép được sang nơi thứ hai ({place}) — cắm lại USB hoặc kiểm tra thư mục mạng.</source>
        <translation>Backed up on this computer; not yet copied to the second place ({place}) — plug the USB stick back in or check the network folder.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="236"/>
        <source>Đã sao lưu lúc {when}.</source>
        <translation>Backed up at {when}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="245"/>
        <source>Không sao lưu được: {e}</source>
        <translation>Backup failed: {e}</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="85"/>
        <source>Sao lưu dữ liệu</source>
        <translation>Data backed up</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="88"/>
        <source>Các bản sao lưu của cơ quan</source>
        <translation>The office&apos;s backups</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="51"/>
        <source>Hằng ngày</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="52"/>
        <source>Khi đóng chương trình</source>
        <translation>At closing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="53"/>
        <location filename="../../desk/ui/backup_dialog.py" line="120"/>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="54"/>
        <source>Trước khi nâng cấp</source>
        <translation>Before an upgrade</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="55"/>
        <source>Trước khi khôi phục</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="53"/>
        <source>Thời điểm</source>
        <translation>Taken at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="54"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="55"/>
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="56"/>
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="57"/>
        <source>Tệp</source>
        <translation>Files</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="58"/>
        <source>Đã kiểm tra</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="59"/>
        <source>Nơi lưu</source>
        <translation>Where kept</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="128"/>
        <source>Đặt mật khẩu sao lưu…</source>
        <translation>Set backup passphrase…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="133"/>
        <source>Khôi phục…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="137"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="144"/>
        <source>Lưu trong {folder}</source>
        <translation>Kept in {folder}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="147"/>
        <source> và {second}</source>
        <translation> and {second}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="149"/>
        <source> (chưa đặt nơi sao lưu thứ hai trong «Cài đặt»)</source>
        <translation> (no second backup place set in “Settings”)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="163"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="163"/>
        <source>Chưa</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="186"/>
        <source>Chưa có bản sao lưu nào.</source>
        <translation>No backup yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="219"/>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="231"/>
        <source>Đã sao lưu {n} hồ sơ, {f} tệp ({size}) lúc {when}.</source>
        <translation>Backed up {n} dossiers, {f} files ({size}) at {when}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="239"/>
        <source>Chưa chép được sang nơi thứ hai ({place}).</source>
        <translation>Not yet copied to the second place ({place}).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="262"/>
        <source>Đã đặt mật khẩu sao lưu.</source>
        <translation>Backup passphrase set.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../desk/ui/widgets/banner.py" line="63"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CardFiller</name>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="52"/>
        <source>người nộp hồ sơ</source>
        <translation>the applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="54"/>
        <source>Đã điền {0} từ căn cước: {1}, số {2}.</source>
        <translation>Filled {0} from the ID card: {1}, number {2}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="59"/>
        <source>Đã thay thông tin {0} bằng căn cước vừa quét ({1}).</source>
        <translation>Replaced {0} with the ID card just scanned ({1}).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="62"/>
        <source>&amp;Hoàn tác</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="65"/>
        <source> Cảnh báo: </source>
        <translation> Warning: </translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/cards.py" line="95"/>
        <source>Đã hoàn tác: giữ lại thông tin đã nhập trước khi quét.</source>
        <translation>Undone: the details typed before the scan are kept.</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="367"/>
        <source> hoặc </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="368"/>
        <source>Đăng ký khai sinh</source>
        <translation>Birth registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="369"/>
        <source>Hộ tịch</source>
        <translation>Civil status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="370"/>
        <source>Lệ phí đăng ký khai sinh</source>
        <translation>Birth registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="371"/>
        <source>Lệ phí đăng ký khai sinh quá hạn</source>
        <translation>Late birth registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="372"/>
        <source>Hộ nghèo</source>
        <translation>Poor household</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="373"/>
        <source>Người khuyết tật</source>
        <translation>Person with a disability</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="374"/>
        <source>Gia đình có công với cách mạng</source>
        <translation>Family with revolutionary merit</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="375"/>
        <source>Tờ khai đăng ký khai sinh</source>
        <translation>Birth registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="376"/>
        <source>Giấy chứng sinh</source>
        <translation>Birth certificate from the hospital</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="377"/>
        <source>Văn bản của người làm chứng xác nhận về việc sinh</source>
        <translation>Witness statement confirming the birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="378"/>
        <source>Giấy cam đoan về việc sinh</source>
        <translation>Written commitment about the birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="379"/>
        <source>Giấy chứng nhận kết hôn của cha, mẹ</source>
        <translation>Parents&apos; marriage certificate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="380"/>
        <source>Nếu cha, mẹ đã đăng ký kết hôn</source>
        <translation>If the parents have registered their marriage</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="381"/>
        <source>Giấy tờ tùy thân của người đi đăng ký</source>
        <translation>ID document of the person registering</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="382"/>
        <source>Xuất trình bản chính để đối chiếu, trả lại ngay</source>
        <translation>Original shown for checking, handed back at once</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="383"/>
        <source>Đăng ký khai tử</source>
        <translation>Death registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="384"/>
        <source>Thời hạn khi cần xác minh: verify.</source>
        <translation>Time when checks are needed: verify.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="385"/>
        <source>Lệ phí đăng ký khai tử</source>
        <translation>Death registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="386"/>
        <source>Lệ phí đăng ký khai tử quá hạn</source>
        <translation>Late death registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="387"/>
        <source>Tờ khai đăng ký khai tử</source>
        <translation>Death registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="388"/>
        <source>Giấy báo tử hoặc giấy tờ thay thế giấy báo tử</source>
        <translation>Death notice, or a paper replacing it</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="389"/>
        <source>Đăng ký kết hôn</source>
        <translation>Marriage registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="390"/>
        <source>Lệ phí đăng ký kết hôn</source>
        <translation>Marriage registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="391"/>
        <source>Tờ khai đăng ký kết hôn</source>
        <translation>Marriage registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="392"/>
        <source>Giấy xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="393"/>
        <source>Khi một bên cư trú ở xã khác</source>
        <translation>When one party lives in another commune</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="394"/>
        <source>Giấy tờ tùy thân của hai bên nam, nữ</source>
        <translation>ID documents of both parties</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="395"/>
        <source>Cấp Giấy xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="396"/>
        <source>Lệ phí cấp Giấy xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="397"/>
        <source>Tờ khai cấp Giấy xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="398"/>
        <source>Giấy tờ chứng minh việc ly hôn hoặc vợ/chồng đã chết</source>
        <translation>Proof of divorce or of the spouse&apos;s death</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="399"/>
        <source>Nếu đã từng kết hôn</source>
        <translation>If married before</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="400"/>
        <source>Giấy tờ tùy thân của người yêu cầu</source>
        <translation>ID document of the requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="401"/>
        <source>Đăng ký lại khai sinh</source>
        <translation>Birth re-registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="402"/>
        <source>Thời hạn giải quyết: verify.</source>
        <translation>Processing time: verify.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="403"/>
        <source>Lệ phí đăng ký lại khai sinh</source>
        <translation>Birth re-registration fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="404"/>
        <source>Tờ khai đăng ký lại khai sinh</source>
        <translation>Birth re-registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="405"/>
        <source>Tờ khai có lời cam đoan đã đăng ký khai sinh nhưng không lưu giữ được bản chính Giấy khai sinh</source>
        <translation>Declaration committing that the birth was registered but the original birth certificate was not kept</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="406"/>
        <source>Bản sao Giấy khai sinh trước đây</source>
        <translation>Copy of the earlier birth certificate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="407"/>
        <source>Giấy tờ có thông tin về nội dung khai sinh</source>
        <translation>Papers with the birth details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="408"/>
        <source>Văn bản xác nhận của thủ trưởng cơ quan, đơn vị về nội dung khai sinh</source>
        <translation>Letter of the head of the agency or unit confirming the birth details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="409"/>
        <source>Nếu người yêu cầu là cán bộ, công chức, viên chức hoặc người đang phục vụ trong lực lượng vũ trang (Nghị định 123/2015/NĐ-CP, Điều 26)</source>
        <translation>If the requester is a civil servant, public employee or serving in the armed forces (Decree 123/2015/ND-CP, Article 26)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="410"/>
        <source>Thay đổi, cải chính, bổ sung thông tin hộ tịch</source>
        <translation>Change, correction or addition of civil status details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="411"/>
        <source>Thời hạn giải quyết: verify. Bổ sung thông tin hộ tịch: giải quyết ngay trong ngày, nhận sau 15 giờ trả ngày làm việc tiếp theo (Luật Hộ tịch, Điều 29): verify.</source>
        <translation>Processing time: verify. Adding civil status details: same day; received after 15:00, returned the next working day (Civil Status Law, Article 29): verify.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="412"/>
        <source>Lệ phí thay đổi, cải chính, bổ sung hộ tịch</source>
        <translation>Civil status change, correction or addition fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="413"/>
        <source>Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch</source>
        <translation>Declaration for a change, correction or addition of civil status details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="414"/>
        <source>Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung</source>
        <translation>Papers supporting the change, correction or addition</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="415"/>
        <source>Cấp bản sao trích lục hộ tịch</source>
        <translation>Copy of a civil status extract</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="416"/>
        <source>Phí cấp bản sao trích lục hộ tịch</source>
        <translation>Civil status extract copy fee</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="417"/>
        <source>Tờ khai cấp bản sao trích lục hộ tịch</source>
        <translation>Declaration for a civil status extract copy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="418"/>
        <source>Chứng thực bản sao từ bản chính giấy tờ, văn bản</source>
        <translation>Certified copy from the original of a paper or document</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="419"/>
        <source>Chứng thực</source>
        <translation>Certification</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="420"/>
        <source>Khi cần xác minh: cộng thêm 2 ngày làm việc vào thời hạn trong ngày (Nghị định 23/2015/NĐ-CP, Điều 7): verify.</source>
        <translation>When checks are needed: 2 working days added to the same-day time (Decree 23/2015/ND-CP, Article 7): verify.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="421"/>
        <source>Phí chứng thực bản sao từ bản chính</source>
        <translation>Fee for certifying a copy from the original</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="422"/>
        <source>Bản chính giấy tờ, văn bản cần chứng thực</source>
        <translation>Original of the paper or document to certify</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="423"/>
        <source>Xuất trình để đối chiếu, trả lại ngay</source>
        <translation>Shown for checking, handed back at once</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="424"/>
        <source>Bản sao cần chứng thực</source>
        <translation>Copy to certify</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desk/ui/account.py" line="43"/>
        <source>Đổi mật khẩu — Commune Desk</source>
        <translation>Change password — Commune Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="48"/>
        <source>Tài khoản: {name} ({username})</source>
        <translation>Account: {name} ({username})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="59"/>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="60"/>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="61"/>
        <source>Nhập lại mật khẩu mới</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="64"/>
        <source>Mật khẩu mới có ít nhất {n} ký tự.</source>
        <translation>The new password has at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="74"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="75"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="97"/>
        <source>Nhập mật khẩu hiện tại.</source>
        <translation>Enter the current password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="100"/>
        <source>Nhập mật khẩu mới.</source>
        <translation>Enter the new password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="104"/>
        <source>Hai lần nhập mật khẩu mới không giống nhau.</source>
        <translation>The two new passwords are not the same.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/account.py" line="108"/>
        <source>Mật khẩu mới phải khác mật khẩu hiện tại.</source>
        <translation>The new password must differ from the current one.</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <location filename="../../desk/ui/widgets/fields.py" line="145"/>
        <source>gõ vài chữ để chọn</source>
        <translation>type a few letters to choose</translation>
    </message>
</context>
<context>
    <name>ClosingBackupDialog</name>
    <message>
        <location filename="../../desk/ui/backup.py" line="327"/>
        <source>Sao lưu trước khi đóng</source>
        <translation>Backup before closing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="332"/>
        <source>Đang sao lưu dữ liệu…</source>
        <translation>Backing up the data…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="341"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup.py" line="365"/>
        <source>Không sao lưu được khi đóng: {e}
Chương trình sẽ đóng.</source>
        <translation>The backup at closing failed: {e}
The desk will close.</translation>
    </message>
</context>
<context>
    <name>CopyKind</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="26"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="27"/>
        <source>Bản chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="28"/>
        <source>Bản photo</source>
        <translation>Photocopy</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../desk/ui/widgets/fields.py" line="80"/>
        <source>ngày/tháng/năm</source>
        <translation>dd/mm/yyyy</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../desk/app.py" line="159"/>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../desk/app.py" line="162"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="329"/>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="330"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="331"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="332"/>
        <source>Bản chứng thực</source>
        <translation>Certified copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="333"/>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="334"/>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="359"/>
        <source>Đã số hóa</source>
        <translation>Digitised</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="45"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="46"/>
        <source>Bản chính</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="47"/>
        <source>Bản chứng thực</source>
        <translation>Certified copy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="48"/>
        <source>Bản photo</source>
        <translation>Photocopy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="49"/>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="53"/>
        <source>  (xuất trình, trả lại)</source>
        <translation>  (shown, handed back)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="54"/>
        <source>đã xem</source>
        <translation>seen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="240"/>
        <source>  (hoặc giấy tờ thay thế)</source>
        <translation>  (or an alternative paper)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="242"/>
        <source>  (nếu có)</source>
        <translation>  (if any)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="259"/>
        <source>Xuất trình bản chính, không nộp</source>
        <translation>Original shown, not handed in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="261"/>
        <source>Yêu cầu: {0}</source>
        <translation>Asked for: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="341"/>
        <source>Dấu cách: đánh dấu đã nhận (1 bản theo yêu cầu), hoặc đã xem giấy tờ xuất trình (trả lại, không nộp); gõ số vào cột để sửa số bản. Kéo thả tệp quét vào dòng giấy tờ, hoặc Ctrl+O.</source>
        <translation>Space: mark as received (1 copy as asked), or a shown paper as seen (handed back, not kept); type a number in a column to change the count. Drop a scanned file on a document&apos;s line, or Ctrl+O.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="373"/>
        <source>Đính kèm bản quét… (Ctrl+O)</source>
        <translation>Attach a scan… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="376"/>
        <source>Thêm giấy tờ khác</source>
        <translation>Add another paper</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="410"/>
        <source>Chọn bản quét</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/documents.py" line="412"/>
        <source>Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp)</translation>
    </message>
</context>
<context>
    <name>DossierListView</name>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="58"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="67"/>
        <source>Tìm theo mã hồ sơ, số định danh, số điện thoại hoặc họ tên (gõ không dấu cũng được)</source>
        <translation>Search by dossier code, ID number, phone or name (accents optional)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="76"/>
        <source>Tất cả hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="77"/>
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="78"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="79"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="200"/>
        <source>Đến hạn {day}</source>
        <translation>Due {day}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="85"/>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="81"/>
        <source>Đến hạn ngày làm việc kế tiếp</source>
        <translation>Due on the next working day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="91"/>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="96"/>
        <source>Mọi cán bộ</source>
        <translation>All clerks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="98"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="219"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="219"/>
        <source>{n} hồ sơ, đang tải thêm…</source>
        <translation>{n} dossiers, loading more…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="221"/>
        <source>Không tìm thấy hồ sơ nào khớp «{query}»</source>
        <translation>No dossier matches “{query}”</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="225"/>
        <source>Không có hồ sơ nào phù hợp.</source>
        <translation>No matching dossier.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="227"/>
        <source>{n} hồ sơ.</source>
        <translation>{n} dossiers.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="229"/>
        <source>{n} hồ sơ đầu tiên; cuộn xuống để xem thêm.</source>
        <translation>First {n} dossiers; scroll down for more.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="51"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="52"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="53"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="54"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="55"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="56"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="57"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="187"/>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="260"/>
        <source>Không đọc được danh sách hồ sơ.</source>
        <translation>Could not read the dossier list.</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="36"/>
        <source>Đã nhận đủ giấy tờ bổ sung</source>
        <translation>Missing documents received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="38"/>
        <source>Công dân đã nộp phí, lệ phí</source>
        <translation>Citizen has paid the fees</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="39"/>
        <source>Chuyển xử lý</source>
        <translation>Send for processing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="41"/>
        <source>Yêu cầu bổ sung giấy tờ…</source>
        <translation>Request missing documents…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="44"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính…</source>
        <translation>Request payment…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="47"/>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="48"/>
        <source>Trả kết quả (F4)…</source>
        <translation>Hand back (F4)…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="49"/>
        <source>Công dân rút hồ sơ…</source>
        <translation>Citizen withdraws…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="50"/>
        <source>Dừng xử lý…</source>
        <translation>Stop processing…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="51"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="52"/>
        <source>Từ chối tiếp nhận…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="95"/>
        <source>Lý do (lỗi của cơ quan, được ghi vào hồ sơ và tính vào chỉ số):</source>
        <translation>Reason (the office&apos;s fault; recorded on the dossier and counted in the figures):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="89"/>
        <source>← Danh sách</source>
        <translation>← Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="92"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="99"/>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="124"/>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="128"/>
        <source>Thao tác</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="133"/>
        <source>Trả ngay trong ngày (5 tại chỗ)…</source>
        <translation>Same-day hand back…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="136"/>
        <source>Đã tiếp nhận → Đã xử lý xong → Đã trả kết quả, trong một lần.</source>
        <translation>Received → result ready → returned, in one go.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="140"/>
        <source>Hẹn lại và in văn bản xin lỗi…</source>
        <translation>Reschedule and print the apology…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="146"/>
        <source>In lại biểu mẫu</source>
        <translation>Reprint a form</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="167"/>
        <source>Quá trình xử lý</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="168"/>
        <source>Giấy tờ và bản quét</source>
        <translation>Documents and scans</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="31"/>
        <source>Chủ hồ sơ</source>
        <translation>Dossier owner</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="32"/>
        <source>Người được khai sinh</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="33"/>
        <source>Người mẹ</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="34"/>
        <source>Người cha</source>
        <translation>Father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="35"/>
        <source>Người đã chết</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="36"/>
        <source>Bên nam</source>
        <translation>Groom</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="37"/>
        <source>Bên nữ</source>
        <translation>Bride</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="38"/>
        <source>Người dự định kết hôn</source>
        <translation>Intended spouse</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="39"/>
        <source>Người có tên trong giấy tờ</source>
        <translation>Person named in the paper</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="49"/>
        <source>{verdict} — so với hạn theo quy định {due}</source>
        <translation>{verdict} — against the legal due time {due}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="52"/>
        <source> (đã tính thời gian chờ bổ sung)</source>
        <translation> (time waiting for papers left out)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="58"/>
        <source>ghi lúc</source>
        <translation>recorded</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="68"/>
        <location filename="../../desk/ui/dossier_facts.py" line="135"/>
        <source>Lỗi của cơ quan</source>
        <translation>Office&apos;s fault</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="69"/>
        <source>lý do</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="94"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="95"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="97"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="100"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="101"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="102"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="104"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="107"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="108"/>
        <source>Trích yếu</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="109"/>
        <source>Số bộ hồ sơ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="110"/>
        <source>Tiếp nhận lúc</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="111"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="112"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="114"/>
        <source>Hẹn lại</source>
        <translation>Rescheduled to</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="118"/>
        <source>Xử lý xong</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="122"/>
        <source>Đã trả lúc</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="125"/>
        <source>Đúng hạn</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="126"/>
        <source>Các hạn đã có</source>
        <translation>Due times so far</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="127"/>
        <source>Nhận kết quả</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="129"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="159"/>
        <source>Kết quả đã số hóa</source>
        <translation>Result digitised</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="160"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="81"/>
        <source> (miễn: {0})</source>
        <translation> (exempt: {0})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="131"/>
        <location filename="../../desk/ui/dossier_facts.py" line="137"/>
        <location filename="../../desk/ui/dossier_facts.py" line="162"/>
        <source>Không</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="133"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="143"/>
        <source>Người liên quan ({role})</source>
        <translation>Related person ({role})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="150"/>
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="153"/>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="287"/>
        <source>Hồ sơ đã ở trạng thái cuối «{status}»: không còn thao tác xử lý.</source>
        <translation>The dossier is in the final status «{status}»: nothing more to do.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="59"/>
        <source>Lý do công dân rút hồ sơ:</source>
        <translation>Why the citizen withdraws the dossier:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="60"/>
        <source>Lý do dừng xử lý hồ sơ (in trên thông báo):</source>
        <translation>Why processing stops (printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="63"/>
        <source>Giấy tờ cần bổ sung và lý do (in trên phiếu yêu cầu bổ sung):</source>
        <translation>Missing documents and the reason (printed on the supplement request):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="66"/>
        <source>Khoản phải nộp (không bắt buộc):</source>
        <translation>Amount due (optional):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="368"/>
        <source>Đã chuyển hồ sơ sang «{status}».</source>
        <translation>The dossier is now «{status}».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="439"/>
        <source>Đã hẹn lại ngày trả kết quả: {due}.</source>
        <translation>New due time: {due}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="461"/>
        <source>Giấy tờ này chưa có bản quét.</source>
        <translation>This document has no scan yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="474"/>
        <source>Không tìm thấy tệp bản quét trên máy này.</source>
        <translation>The scan file is not on this computer.</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="45"/>
        <source>Không lưu được bản nháp. Dữ liệu đang nhập vẫn còn trên màn hình.</source>
        <translation>The draft could not be saved. What you typed is still on the screen.</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="302"/>
        <source>Có {0} hồ sơ đang nhập dở trên máy này. Gần nhất: {1}</source>
        <translation>{0} unfinished intakes on this computer. The latest: {1}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="304"/>
        <source>Có một hồ sơ đang nhập dở: {1}</source>
        <translation>An unfinished intake: {1}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="305"/>
        <source> Khôi phục?</source>
        <translation> Restore it?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="307"/>
        <source>&amp;Khôi phục</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="310"/>
        <source>Chọn &amp;bản khác…</source>
        <translation>Choose &amp;another…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="311"/>
        <source>Bỏ bản nháp này</source>
        <translation>Discard this draft</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="323"/>
        <source>Xóa hẳn bản nháp «{0}»? Dữ liệu đã nhập trong đó sẽ mất.</source>
        <translation>Delete the draft “{0}” for good? What was typed in it will be lost.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="326"/>
        <source>&amp;Xóa bản nháp</source>
        <translation>&amp;Delete the draft</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="327"/>
        <source>&amp;Không</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="351"/>
        <source> (chờ bổ sung giấy tờ)</source>
        <translation> (waiting for missing papers)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="352"/>
        <source>chưa có tên</source>
        <translation>no name yet</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/drafts.py" line="353"/>
        <source>{0}{1} — lưu lúc {2}{3}.</source>
        <translation>{0}{1} — saved at {2}{3}.</translation>
    </message>
</context>
<context>
    <name>DueChangeKind</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="34"/>
        <source>Hạn theo quy định khi tiếp nhận</source>
        <translation>Legal due time at intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="35"/>
        <source>Nhận đủ giấy tờ bổ sung: hạn trong ngày tính từ lúc nhận</source>
        <translation>Missing papers received: same-day time from their receipt</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="36"/>
        <source>Nhận đủ giấy tờ bổ sung: hạn lùi thêm thời gian chờ</source>
        <translation>Missing papers received: due time moved by the waiting time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="37"/>
        <source>Hẹn lại (văn bản xin lỗi)</source>
        <translation>New due time (apology letter)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="38"/>
        <source>Hạn theo quy định đang ghi</source>
        <translation>Legal due time on record</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="382"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="383"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="384"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="385"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FaultKind</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="39"/>
        <source>Yêu cầu bổ sung hồ sơ quá số lần cho phép</source>
        <translation>More supplement requests than allowed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="40"/>
        <source>Hẹn lại ngày trả kết quả quá số lần cho phép</source>
        <translation>More new due times than allowed</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="41"/>
        <source>Hẹn lại ngày trả kết quả muộn</source>
        <translation>New due time given late</translation>
    </message>
</context>
<context>
    <name>FieldProblem</name>
    <message>
        <location filename="../../desk/ui/labels.py" line="189"/>
        <source>Chưa nhập.</source>
        <translation>Missing.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="190"/>
        <source>Không có trong danh sách lựa chọn.</source>
        <translation>Not one of the choices.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="191"/>
        <source>Không phải ngày; hãy nhập ngày/tháng/năm, ví dụ 15/03/1990.</source>
        <translation>Not a date: type day/month/year, e.g. 15/03/1990.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="194"/>
        <source>Ngày ở tương lai.</source>
        <translation>The date is in the future.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="195"/>
        <source>Không có ngày này.</source>
        <translation>No such date.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="196"/>
        <source>Thứ tự các ngày không hợp lý.</source>
        <translation>The dates are in the wrong order.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="197"/>
        <source>Năm không hợp lý.</source>
        <translation>The year is not plausible.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="198"/>
        <source>Số định danh cho một năm sinh khác.</source>
        <translation>The ID number belongs to another year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="201"/>
        <source>Không phải số.</source>
        <translation>Not a number.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="202"/>
        <source>Số quá lớn.</source>
        <translation>Too large.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="203"/>
        <source>Số quá nhỏ.</source>
        <translation>Too small.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/labels.py" line="204"/>
        <source>Không phải năm (bốn chữ số).</source>
        <translation>Not a year (four digits).</translation>
    </message>
</context>
<context>
    <name>FolderEdit</name>
    <message>
        <location filename="../../desk/ui/settings.py" line="49"/>
        <source>Không có</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="50"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="57"/>
        <source>Chọn thư mục</source>
        <translation>Choose a folder</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="134"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="135"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="136"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="137"/>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="138"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="139"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="140"/>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="141"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="142"/>
        <source>Số CMND cũ</source>
        <translation>Old ID card number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="143"/>
        <source>Ngày cấp giấy tờ tùy thân</source>
        <translation>ID document issue date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="144"/>
        <source>Nơi cấp</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="145"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="146"/>
        <source>người nộp hồ sơ</source>
        <translation>the applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="147"/>
        <source>Nơi cư trú (địa chỉ)</source>
        <translation>Residence (address)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="148"/>
        <source>Ngày cấp CCCD/căn cước</source>
        <translation>ID card issue date</translation>
    </message>
</context>
<context>
    <name>Form:birth_registration</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="149"/>
        <source>Tờ khai đăng ký khai sinh</source>
        <translation>Birth registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="150"/>
        <source>Người đi đăng ký khai sinh (người yêu cầu)</source>
        <translation>Person registering the birth (the requester)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="151"/>
        <source>Quá 60 ngày kể từ ngày sinh (Luật Hộ tịch, điều 15): đăng ký khai sinh quá hạn.</source>
        <translation>More than 60 days after the birth (Civil Status Law, article 15): late birth registration.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="152"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="153"/>
        <source>Quan hệ với người được khai sinh</source>
        <translation>Relation to the child</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="154"/>
        <source>Loại giấy tờ tùy thân</source>
        <translation>ID document type</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="155"/>
        <source>Người được khai sinh</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="156"/>
        <source>người được khai sinh</source>
        <translation>the child</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="157"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="158"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="159"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="160"/>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="161"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="162"/>
        <source>Nơi sinh</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="163"/>
        <source>Cơ sở y tế (nếu sinh tại cơ sở y tế), xã, tỉnh</source>
        <translation>Health facility (if born in one), commune, province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="164"/>
        <source>Quê quán</source>
        <translation>Home town</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="165"/>
        <source>Thông tin về người mẹ</source>
        <translation>The mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="166"/>
        <source>Người mẹ</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="167"/>
        <source>người mẹ</source>
        <translation>the mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="168"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="169"/>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="170"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="171"/>
        <source>Dân tộc của mẹ</source>
        <translation>Mother&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="172"/>
        <source>Quốc tịch của mẹ</source>
        <translation>Mother&apos;s nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="173"/>
        <source>Thông tin về người cha</source>
        <translation>The father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="174"/>
        <source>Người cha</source>
        <translation>Father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="175"/>
        <source>người cha</source>
        <translation>the father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="176"/>
        <source>Dân tộc của cha</source>
        <translation>Father&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="177"/>
        <source>Quốc tịch của cha</source>
        <translation>Father&apos;s nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="178"/>
        <source>Đăng ký kết hôn của cha, mẹ</source>
        <translation>Parents&apos; marriage registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="179"/>
        <source>Bỏ trống nếu cha, mẹ chưa đăng ký kết hôn.</source>
        <translation>Leave empty if the parents have not registered a marriage.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="180"/>
        <source>Giấy chứng nhận kết hôn số</source>
        <translation>Marriage certificate number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="181"/>
        <source>Quyển số</source>
        <translation>Book number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="182"/>
        <source>Ngày đăng ký kết hôn</source>
        <translation>Marriage registration date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="183"/>
        <source>Nơi đăng ký kết hôn</source>
        <translation>Place of marriage registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="184"/>
        <source>Yêu cầu cấp bản sao</source>
        <translation>Copies requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="185"/>
        <source>Số bản sao trích lục khai sinh</source>
        <translation>Birth extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="186"/>
        <source>0 nếu không yêu cầu</source>
        <translation>0 if none requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="187"/>
        <source>Phải khai thông tin của ít nhất một trong hai người: mẹ hoặc cha.</source>
        <translation>At least one parent must be declared: the mother or the father.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="188"/>
        <source>Người đi khai là mẹ: hãy điền thông tin người mẹ (nút «Chép từ người nộp»).</source>
        <translation>The mother is registering: fill in the mother (button “Copy from the applicant”).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="189"/>
        <source>Người đi khai là cha: hãy điền thông tin người cha (nút «Chép từ người nộp»).</source>
        <translation>The father is registering: fill in the father (button “Copy from the applicant”).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="190"/>
        <source>Họ của trẻ không phải họ của cha hay của mẹ. Theo Bộ luật Dân sự 2015, điều 26, họ của con là họ của cha hoặc họ của mẹ (có trường hợp ngoại lệ): hãy hỏi lại người đi khai.</source>
        <translation>The child&apos;s family name is neither the father&apos;s nor the mother&apos;s. Under the Civil Code 2015, article 26, a child takes the father&apos;s or the mother&apos;s family name (with exceptions): ask the person registering again.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="191"/>
        <source>Ngày sinh của trẻ không thể trước năm sinh của mẹ.</source>
        <translation>The child cannot be born before the mother&apos;s year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="192"/>
        <source>Ngày sinh của trẻ không thể trước năm sinh của cha.</source>
        <translation>The child cannot be born before the father&apos;s year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="193"/>
        <source>Mẹ chưa đủ 13 tuổi khi sinh con? Hãy kiểm tra lại năm sinh của mẹ và ngày sinh của trẻ.</source>
        <translation>The mother under 13 at the birth? Check the mother&apos;s year of birth and the child&apos;s date of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="194"/>
        <source>Cha chưa đủ 13 tuổi khi con sinh ra? Hãy kiểm tra lại năm sinh của cha.</source>
        <translation>The father under 13 at the birth? Check the father&apos;s year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="195"/>
        <source>Số định danh của mẹ và của cha trùng nhau.</source>
        <translation>The mother and the father have the same ID number.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="196"/>
        <source>Đã khai việc đăng ký kết hôn thì cần đủ số, ngày và nơi đăng ký.</source>
        <translation>A declared marriage registration needs its number, date and place.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="197"/>
        <source>Ngày đăng ký kết hôn không thể trước năm sinh của mẹ.</source>
        <translation>The marriage cannot be registered before the mother&apos;s year of birth.</translation>
    </message>
</context>
<context>
    <name>Form:birth_reregistration</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="198"/>
        <source>Tờ khai đăng ký lại khai sinh</source>
        <translation>Birth re-registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="199"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="200"/>
        <source>Quan hệ với người được đăng ký lại khai sinh</source>
        <translation>Relation to the person re-registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="201"/>
        <source>Người được đăng ký lại khai sinh</source>
        <translation>Person whose birth is re-registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="202"/>
        <source>người được đăng ký lại khai sinh</source>
        <translation>the person re-registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="203"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="204"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="205"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="206"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="207"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="208"/>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="209"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="210"/>
        <source>Nơi sinh</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="211"/>
        <source>Quê quán</source>
        <translation>Home town</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="212"/>
        <source>Cha, mẹ</source>
        <translation>Parents</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="213"/>
        <source>Người mẹ</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="214"/>
        <source>người mẹ</source>
        <translation>the mother</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="215"/>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="216"/>
        <source>Dân tộc của mẹ</source>
        <translation>Mother&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="217"/>
        <source>Người cha</source>
        <translation>Father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="218"/>
        <source>người cha</source>
        <translation>the father</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="219"/>
        <source>Dân tộc của cha</source>
        <translation>Father&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="220"/>
        <source>Việc khai sinh đã đăng ký trước đây</source>
        <translation>The earlier birth registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="221"/>
        <source>Nơi đã đăng ký khai sinh</source>
        <translation>Where the birth was registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="222"/>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="223"/>
        <source>Quyển số</source>
        <translation>Book number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="224"/>
        <source>Ngày đăng ký</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="225"/>
        <source>Yêu cầu cấp bản sao</source>
        <translation>Copies requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="226"/>
        <source>Số bản sao trích lục khai sinh</source>
        <translation>Birth extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="227"/>
        <source>Ngày sinh không thể trước năm sinh của mẹ.</source>
        <translation>The date of birth cannot be before the mother&apos;s year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="228"/>
        <source>Ngày sinh không thể trước năm sinh của cha.</source>
        <translation>The date of birth cannot be before the father&apos;s year of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="229"/>
        <source>Ngày đăng ký khai sinh trước đây không thể trước ngày sinh.</source>
        <translation>The earlier birth registration cannot be before the date of birth.</translation>
    </message>
</context>
<context>
    <name>Form:certified_copy</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="230"/>
        <source>Yêu cầu chứng thực bản sao từ bản chính</source>
        <translation>Request to certify copies from the original</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="231"/>
        <source>Người yêu cầu chứng thực</source>
        <translation>Person asking for the certification</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="232"/>
        <source>Giấy tờ, văn bản cần chứng thực</source>
        <translation>Paper or document to certify</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="233"/>
        <source>Tên giấy tờ, văn bản</source>
        <translation>Name of the paper or document</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="234"/>
        <source>Ví dụ: Bằng tốt nghiệp THPT; Giấy khai sinh; Sổ đỏ</source>
        <translation>E.g. high-school diploma; birth certificate; land-use certificate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="235"/>
        <source>Số, ký hiệu</source>
        <translation>Number and reference</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="236"/>
        <source>Cơ quan cấp</source>
        <translation>Issuing agency</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="237"/>
        <source>Ngày cấp</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="238"/>
        <source>Yêu cầu</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="239"/>
        <source>Số trang của bản chính</source>
        <translation>Pages of the original</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="240"/>
        <source>Số bản sao cần chứng thực</source>
        <translation>Copies to certify</translation>
    </message>
</context>
<context>
    <name>Form:civil_status_correction</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="241"/>
        <source>Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch</source>
        <translation>Declaration for a change, correction or addition of civil status details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="242"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="243"/>
        <source>Người có thông tin hộ tịch cần thay đổi</source>
        <translation>Person whose civil status details change</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="244"/>
        <source>Quan hệ của người yêu cầu</source>
        <translation>Requester&apos;s relation</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="245"/>
        <source>Người có thông tin cần thay đổi</source>
        <translation>Person whose details change</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="246"/>
        <source>người có thông tin cần thay đổi</source>
        <translation>the person whose details change</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="247"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="248"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="249"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="250"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="251"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="252"/>
        <source>Việc hộ tịch đã đăng ký</source>
        <translation>The registered civil status event</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="253"/>
        <source>Loại việc hộ tịch</source>
        <translation>Kind of civil status event</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="254"/>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="255"/>
        <source>Quyển số</source>
        <translation>Book number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="256"/>
        <source>Ngày đăng ký</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="257"/>
        <source>Nơi đăng ký</source>
        <translation>Place of registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="258"/>
        <source>Nội dung đề nghị</source>
        <translation>What is asked</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="259"/>
        <source>Đề nghị</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="260"/>
        <source>Thông tin cần thay đổi</source>
        <translation>Detail to change</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="261"/>
        <source>Ví dụ: họ, chữ đệm, tên; ngày sinh; quê quán</source>
        <translation>E.g. full name; date of birth; home town</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="262"/>
        <source>Nội dung hiện tại</source>
        <translation>Current content</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="263"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="264"/>
        <source>Yêu cầu cấp bản sao</source>
        <translation>Copies requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="265"/>
        <source>Số bản sao trích lục</source>
        <translation>Extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="266"/>
        <source>Thay đổi hoặc cải chính: cần ghi nội dung hiện tại.</source>
        <translation>A change or correction needs the current content.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="267"/>
        <source>Nội dung đề nghị trùng với nội dung hiện tại.</source>
        <translation>What is asked is the same as the current content.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="268"/>
        <source>Ngày đăng ký hộ tịch không thể trước ngày sinh.</source>
        <translation>The civil status registration cannot be before the date of birth.</translation>
    </message>
</context>
<context>
    <name>Form:death_registration</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="269"/>
        <source>Tờ khai đăng ký khai tử</source>
        <translation>Death registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="270"/>
        <source>Người đi đăng ký khai tử (người yêu cầu)</source>
        <translation>Person registering the death (the requester)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="271"/>
        <source>Quá 15 ngày kể từ ngày chết (Luật Hộ tịch, điều 33).</source>
        <translation>More than 15 days after the death (Civil Status Law, article 33).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="272"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="273"/>
        <source>Quan hệ với người đã chết</source>
        <translation>Relation to the deceased</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="274"/>
        <source>Người đã chết</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="275"/>
        <source>người đã chết</source>
        <translation>the deceased</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="276"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="277"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="278"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="279"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="280"/>
        <source>Nơi cư trú cuối cùng</source>
        <translation>Last residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="281"/>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="282"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="283"/>
        <source>Ngày chết</source>
        <translation>Date of death</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="284"/>
        <source>Giờ chết</source>
        <translation>Time of death</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="285"/>
        <source>Ví dụ: 14 giờ 30 phút</source>
        <translation>E.g. 14:30</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="286"/>
        <source>Nơi chết</source>
        <translation>Place of death</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="287"/>
        <source>Nguyên nhân chết</source>
        <translation>Cause of death</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="288"/>
        <source>Giấy báo tử (hoặc giấy tờ thay thế)</source>
        <translation>Death notice (or a paper replacing it)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="289"/>
        <source>Số giấy báo tử</source>
        <translation>Death notice number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="290"/>
        <source>Ngày cấp</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="291"/>
        <source>Cơ quan cấp</source>
        <translation>Issuing agency</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="292"/>
        <source>Yêu cầu cấp bản sao</source>
        <translation>Copies requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="293"/>
        <source>Số bản sao trích lục khai tử</source>
        <translation>Death extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="294"/>
        <source>0 nếu không yêu cầu</source>
        <translation>0 if none requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="295"/>
        <source>Ngày chết không thể trước ngày sinh.</source>
        <translation>The date of death cannot be before the date of birth.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="296"/>
        <source>Giấy báo tử không thể cấp trước ngày chết.</source>
        <translation>The death notice cannot be issued before the death.</translation>
    </message>
</context>
<context>
    <name>Form:extract_copy</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="297"/>
        <source>Tờ khai cấp bản sao trích lục hộ tịch</source>
        <translation>Declaration for a civil status extract copy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="298"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="299"/>
        <source>Người được cấp bản sao trích lục</source>
        <translation>Person receiving the extract copy</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="300"/>
        <source>Quan hệ của người yêu cầu</source>
        <translation>Requester&apos;s relation</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="301"/>
        <source>Người có tên trong trích lục</source>
        <translation>Person named in the extract</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="302"/>
        <source>người có tên trong trích lục</source>
        <translation>the person named in the extract</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="303"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="304"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="305"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="306"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="307"/>
        <source>Việc hộ tịch đã đăng ký</source>
        <translation>The registered civil status event</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="308"/>
        <source>Loại việc hộ tịch</source>
        <translation>Kind of civil status event</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="309"/>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="310"/>
        <source>Quyển số</source>
        <translation>Book number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="311"/>
        <source>Ngày đăng ký</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="312"/>
        <source>Nơi đăng ký</source>
        <translation>Place of registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="313"/>
        <source>Yêu cầu</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="314"/>
        <source>Số bản sao trích lục</source>
        <translation>Extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="315"/>
        <source>Ngày đăng ký hộ tịch không thể trước ngày sinh.</source>
        <translation>The civil status registration cannot be before the date of birth.</translation>
    </message>
</context>
<context>
    <name>Form:marital_status</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="316"/>
        <source>Tờ khai cấp Giấy xác nhận tình trạng hôn nhân</source>
        <translation>Marital status certificate declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="317"/>
        <source>Người yêu cầu</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="318"/>
        <source>Người được xác nhận tình trạng hôn nhân</source>
        <translation>Person whose marital status is certified</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="319"/>
        <source>Quan hệ của người yêu cầu với người được xác nhận</source>
        <translation>Requester&apos;s relation to the person certified</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="320"/>
        <source>Người được xác nhận</source>
        <translation>Person certified</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="321"/>
        <source>người được xác nhận</source>
        <translation>the person certified</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="322"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="323"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="324"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="325"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="326"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="327"/>
        <source>Dân tộc</source>
        <translation>Ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="328"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="329"/>
        <source>Thời gian cư trú tại nơi đăng ký</source>
        <translation>Time lived at the place of registration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="330"/>
        <source>Ví dụ: từ năm 2015 đến nay</source>
        <translation>E.g. since 2015</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="331"/>
        <source>Tình trạng hôn nhân</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="332"/>
        <source>Mục đích sử dụng</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="333"/>
        <source>Người dự định kết hôn</source>
        <translation>Intended spouse</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="334"/>
        <source>Chỉ khai khi xin xác nhận để đăng ký kết hôn.</source>
        <translation>Only when the certificate is for a marriage registration.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="335"/>
        <source>người dự định kết hôn</source>
        <translation>the intended spouse</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="336"/>
        <source>Quốc tịch người dự định kết hôn</source>
        <translation>Intended spouse&apos;s nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="337"/>
        <source>Nơi dự định đăng ký kết hôn</source>
        <translation>Where the marriage is to be registered</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="338"/>
        <source>Yêu cầu</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="339"/>
        <source>Số bản Giấy xác nhận</source>
        <translation>Certificate copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="340"/>
        <source>Xác nhận để đăng ký kết hôn: cần khai người dự định kết hôn.</source>
        <translation>A certificate for a marriage needs the intended spouse.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="341"/>
        <source>Xác nhận để đăng ký kết hôn: cần ghi nơi dự định đăng ký kết hôn.</source>
        <translation>A certificate for a marriage needs the place it will be registered.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="342"/>
        <source>Người dự định kết hôn trùng số định danh với người được xác nhận.</source>
        <translation>The intended spouse has the same ID number as the person certified.</translation>
    </message>
</context>
<context>
    <name>Form:marriage_registration</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="343"/>
        <source>Tờ khai đăng ký kết hôn</source>
        <translation>Marriage registration declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="344"/>
        <source>Người nộp hồ sơ (một trong hai bên)</source>
        <translation>Applicant (one of the two parties)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="345"/>
        <source>Bên nữ</source>
        <translation>Bride</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="346"/>
        <source>bên nữ</source>
        <translation>the bride</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="347"/>
        <source>Số định danh cá nhân</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="348"/>
        <source>Họ, chữ đệm, tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="349"/>
        <source>Ngày, tháng, năm sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="350"/>
        <source>Nơi cư trú</source>
        <translation>Residence</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="351"/>
        <source>Dân tộc bên nữ</source>
        <translation>Bride&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="352"/>
        <source>Quốc tịch bên nữ</source>
        <translation>Bride&apos;s nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="353"/>
        <source>Tình trạng hôn nhân bên nữ</source>
        <translation>Bride&apos;s marital status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="354"/>
        <source>Bên nam</source>
        <translation>Groom</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="355"/>
        <source>bên nam</source>
        <translation>the groom</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="356"/>
        <source>Dân tộc bên nam</source>
        <translation>Groom&apos;s ethnic group</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="357"/>
        <source>Quốc tịch bên nam</source>
        <translation>Groom&apos;s nationality</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="358"/>
        <source>Tình trạng hôn nhân bên nam</source>
        <translation>Groom&apos;s marital status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="359"/>
        <source>Yêu cầu cấp bản sao</source>
        <translation>Copies requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="360"/>
        <source>Số bản sao trích lục kết hôn</source>
        <translation>Marriage extract copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="361"/>
        <source>0 nếu không yêu cầu</source>
        <translation>0 if none requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="362"/>
        <source>Bên nữ chưa đủ 18 tuổi: chưa đủ tuổi kết hôn (Luật Hôn nhân và gia đình 2014, điều 8).</source>
        <translation>The bride is under 18: below the marriage age (Marriage and Family Law 2014, article 8).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="363"/>
        <source>Bên nam chưa đủ 20 tuổi: chưa đủ tuổi kết hôn (Luật Hôn nhân và gia đình 2014, điều 8).</source>
        <translation>The groom is under 20: below the marriage age (Marriage and Family Law 2014, article 8).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="364"/>
        <source>Số định danh của hai bên trùng nhau.</source>
        <translation>Both parties have the same ID number.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="365"/>
        <source>Bên nữ đang có chồng: không được đăng ký kết hôn (Luật Hôn nhân và gia đình 2014, điều 5).</source>
        <translation>The bride is married: the marriage cannot be registered (Marriage and Family Law 2014, article 5).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="366"/>
        <source>Bên nam đang có vợ: không được đăng ký kết hôn (Luật Hôn nhân và gia đình 2014, điều 5).</source>
        <translation>The groom is married: the marriage cannot be registered (Marriage and Family Law 2014, article 5).</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="127"/>
        <source>{hour} giờ {minute} phút, {weekday} {date}</source>
        <translation>{hour}:{minute}, {weekday} {date}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="128"/>
        <source>{days} ngày làm việc</source>
        <translation>{days} working days</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="129"/>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="130"/>
        <source>{normal} và thêm {added} để xác minh</source>
        <translation>{normal}, plus {added} for checks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="131"/>
        <source>Trong ngày (nhận sau {hour} giờ trả ngày làm việc tiếp theo)</source>
        <translation>Same day (received after {hour}:00, returned the next working day)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="132"/>
        <source>.</source>
        <translation>,</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="133"/>
        <source>{amount} đồng</source>
        <translation>{amount} VND</translation>
    </message>
</context>
<context>
    <name>Grouping</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="97"/>
        <source>Toàn cơ quan</source>
        <translation>Whole office</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="98"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="99"/>
        <source>Thủ tục hành chính</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="100"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
</context>
<context>
    <name>HandBackView</name>
    <message>
        <location filename="../../desk/ui/handback.py" line="55"/>
        <source>Trả kết quả</source>
        <translation>Hand back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="58"/>
        <source>Quét mã vạch trên giấy hẹn, hoặc nhập mã hồ sơ rồi nhấn Enter.</source>
        <translation>Scan the barcode on the slip, or type the dossier code and press Enter.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="64"/>
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="80"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="81"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="82"/>
        <location filename="../../desk/ui/handback.py" line="116"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="83"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="84"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="85"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="94"/>
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="96"/>
        <location filename="../../desk/ui/handback.py" line="375"/>
        <source>Người nộp hồ sơ</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="98"/>
        <source>Người nhận thay (có giấy tờ tùy thân)</source>
        <translation>A proxy (with an ID document)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="108"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="111"/>
        <source>ví dụ: con, vợ; giấy ủy quyền số …</source>
        <translation>e.g. son, wife; power of attorney no. …</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="115"/>
        <source>Họ tên người nhận thay</source>
        <translation>Proxy&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="118"/>
        <source>Quan hệ / giấy ủy quyền</source>
        <translation>Relation / power of attorney</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="122"/>
        <source>Mức độ hài lòng của công dân</source>
        <translation>Citizen satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="139"/>
        <source>Bản quét kết quả</source>
        <translation>Result scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="150"/>
        <source>Xác nhận trả kết quả và in sổ</source>
        <translation>Confirm hand back and print the book</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="192"/>
        <source>Người nộp hồ sơ: {name}</source>
        <translation>The applicant: {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="203"/>
        <source>Giải quyết ngay trong ngày: hồ sơ sẽ được ghi «Đã xử lý xong» rồi «Đã trả kết quả».</source>
        <translation>Same-day result: the dossier will be recorded as «result ready», then «returned».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="212"/>
        <source>Hồ sơ {code} đã trả kết quả lúc {at}.</source>
        <translation>Dossier {code} was handed back at {at}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="218"/>
        <source>Hồ sơ {code} đang «{status}»: chưa có kết quả để trả.</source>
        <translation>Dossier {code} is «{status}»: there is no result to hand back yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="256"/>
        <source>Quét hoặc nhập mã hồ sơ.</source>
        <translation>Scan or type a dossier code.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="258"/>
        <source>Hồ sơ này chưa thể trả kết quả.</source>
        <translation>This dossier cannot be handed back yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="261"/>
        <source>Nhập họ tên người nhận thay.</source>
        <translation>Enter the proxy&apos;s full name.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="264"/>
        <source>Nhập số định danh của người nhận thay.</source>
        <translation>Enter the proxy&apos;s ID number.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="270"/>
        <source>Chọn mức độ hài lòng của công dân.</source>
        <translation>Choose the citizen&apos;s satisfaction.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="272"/>
        <source>Đang lưu bản quét kết quả…</source>
        <translation>Saving the result scan…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="294"/>
        <source>Hợp lệ: {sex}, sinh năm {year}, đăng ký khai sinh tại {province}.</source>
        <translation>Valid: {sex}, born {year}, birth registered in {province}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="346"/>
        <source>Đã trả kết quả hồ sơ {code}. Mời công dân ký nhận vào sổ.</source>
        <translation>Dossier {code} handed back. Ask the citizen to sign the book.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="354"/>
        <source>Sổ theo dõi hồ sơ — ký nhận kết quả {code}</source>
        <translation>Tracking book — signature for {code}</translation>
    </message>
</context>
<context>
    <name>IntakeEntry</name>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="57"/>
        <source>2. Người nộp hồ sơ — quét mã QR trên căn cước để điền</source>
        <translation>2. Applicant — scan the QR code on the ID card to fill in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="90"/>
        <location filename="../../desk/ui/intake/entry.py" line="181"/>
        <source>3. Tờ khai</source>
        <translation>3. Declaration</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="92"/>
        <source>Chọn thủ tục để hiện tờ khai của thủ tục.</source>
        <translation>Choose a procedure to show its declaration.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="96"/>
        <source>4. Giấy tờ nộp</source>
        <translation>4. Papers handed in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="112"/>
        <source>5. Thông tin khác</source>
        <translation>5. Other details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="120"/>
        <source>Cần xác minh (áp dụng thời hạn kéo dài)</source>
        <translation>Checks needed (the longer time applies)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="125"/>
        <location filename="../../desk/ui/intake/entry.py" line="348"/>
        <source>Số bộ hồ sơ</source>
        <translation>Sets of papers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="127"/>
        <source>Nhận kết quả</source>
        <translation>Result collected</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="130"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="160"/>
        <source>Thủ tục này chưa có tờ khai riêng trên máy.</source>
        <translation>This procedure has no declaration of its own on this desk.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="178"/>
        <source>2. {0} — quét mã QR trên căn cước để điền</source>
        <translation>2. {0} — scan the QR code on the ID card to fill in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="339"/>
        <source>{0} (người nộp)</source>
        <translation>{0} (applicant)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="346"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/entry.py" line="347"/>
        <source>Giấy tờ</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>IntakeFlows</name>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="35"/>
        <source>Có lỗi không mong đợi khi ghi hồ sơ; lỗi đã được ghi vào nhật ký. Dữ liệu đang nhập vẫn được giữ nguyên (và đã lưu bản nháp). Hãy thử lại, hoặc báo quản trị.</source>
        <translation>An unexpected error while recording the dossier; it was written to the log. What you typed is kept (and saved as a draft). Try again, or tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="75"/>
        <location filename="../../desk/ui/intake/flows.py" line="137"/>
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="83"/>
        <source>Chưa tiếp nhận được: còn {0} mục cần sửa hoặc còn thiếu (xem danh sách bên phải, chữ đỏ dưới từng ô).</source>
        <translation>Not received yet: {0} items to correct or fill in (see the list on the right, red text under each field).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="97"/>
        <source>Còn thiếu giấy tờ: {0}. Đánh dấu giấy tờ đã nhận trong mục 4, hoặc chọn «Yêu cầu bổ sung giấy tờ» để in phiếu hướng dẫn (mẫu 02).</source>
        <translation>Papers missing: {0}. Mark the papers received in section 4, or choose “Request missing papers” to print the guidance slip (form 02).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="117"/>
        <source>Phải ghi lý do từ chối (in trên mẫu 03).</source>
        <translation>A reason for the refusal is required (printed on form 03).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="123"/>
        <source>Chưa chọn thủ tục công dân yêu cầu.</source>
        <translation>The procedure the citizen asks for is not chosen.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="127"/>
        <source>Phải có họ tên người nộp hồ sơ.</source>
        <translation>The applicant&apos;s full name is required.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="156"/>
        <source>Chọn ít nhất một giấy tờ còn thiếu.</source>
        <translation>Choose at least one missing paper.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="160"/>
        <source>Phải ghi lý do.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="164"/>
        <source>Phải có họ tên người nộp hồ sơ (in trên phiếu).</source>
        <translation>The applicant&apos;s full name is required (printed on the slip).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="190"/>
        <source>Đã lập phiếu hướng dẫn bổ sung cho «{0}». Bản nháp được giữ trên máy: khi công dân quay lại, chọn «Khôi phục».</source>
        <translation>Guidance slip made for “{0}”. The draft is kept on this desk: when the citizen comes back, choose “Restore”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="221"/>
        <source>Đang ghi hồ sơ…</source>
        <translation>Recording the dossier…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="232"/>
        <source>Đã ghi hồ sơ từ chối {0}. In phiếu từ chối (mẫu 03).</source>
        <translation>Refused dossier {0} recorded. Print the refusal slip (form 03).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="237"/>
        <source>Đã tiếp nhận hồ sơ {0}, hẹn trả {1}.</source>
        <translation>Dossier {0} received, due {1}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="260"/>
        <source>Bỏ hồ sơ đang nhập? Dữ liệu trên màn hình và bản nháp sẽ bị xóa.</source>
        <translation>Discard this intake? What is on the screen and its draft will be deleted.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="263"/>
        <source>&amp;Bỏ hồ sơ này</source>
        <translation>&amp;Discard it</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/flows.py" line="264"/>
        <source>&amp;Giữ lại</source>
        <translation>&amp;Keep it</translation>
    </message>
</context>
<context>
    <name>IntakePlaceholder</name>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="38"/>
        <source>Màn hình tiếp nhận chưa có trong bản cài đặt này.</source>
        <translation>The intake screen is not part of this installation.</translation>
    </message>
</context>
<context>
    <name>IntakeView</name>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="118"/>
        <source>1. Thủ tục  (Alt+1)</source>
        <translation>1. Procedure  (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="220"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="249"/>
        <source>Thủ tục {0} của bản nháp không còn trong danh mục; hãy chọn lại.</source>
        <translation>The draft&apos;s procedure {0} is no longer in the catalogue; choose again.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="258"/>
        <source>Đã khôi phục hồ sơ đang nhập dở: {0}.</source>
        <translation>Unfinished intake restored: {0}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="316"/>
        <source>Còn thiếu: {0}.</source>
        <translation>Missing: {0}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="390"/>
        <source>Chọn dòng giấy tờ trước khi đính kèm bản quét.</source>
        <translation>Choose a document&apos;s line before attaching a scan.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="395"/>
        <source>Giấy tờ này chỉ xuất trình rồi trả lại: không lưu bản quét.</source>
        <translation>This paper is only shown and handed back: no scan is kept.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="400"/>
        <source>Đang lưu «{name}»…</source>
        <translation>Saving “{name}”…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="410"/>
        <source>Đã đính kèm «{0}».</source>
        <translation>Attached “{0}”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/view.py" line="416"/>
        <source>Không lưu được bản quét (lỗi đã ghi vào nhật ký).</source>
        <translation>The scan could not be saved (the error is in the log).</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="170"/>
        <source>Máy đã khóa</source>
        <translation>Desk locked</translation>
    </message>
    <message>
        <source>Không sử dụng trong một thời gian nên màn hình đã khóa. Mọi thông tin đang nhập vẫn được giữ nguyên. Nhập mật khẩu của {name} để tiếp tục.</source>
        <translation type="vanished">The screen locked after a while without use. Everything being typed is kept. Enter {name}&apos;s password to continue.</translation>
    </message>
    <message>
        <source>Màn hình đã khóa. Mọi thông tin đang nhập vẫn được giữ nguyên. Nhập mật khẩu của {name} để tiếp tục; người khác dùng máy thì bấm «Đổi người dùng».</source>
        <translation type="vanished">The screen is locked. Everything being typed is kept. Enter {name}&apos;s password to continue; someone else at the desk presses “Switch user”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="179"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="185"/>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="187"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="221"/>
        <source>Không sử dụng trong một thời gian nên màn hình đã khóa.</source>
        <translation>The screen locked after a while without use.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="223"/>
        <source>{name} đã khóa máy.</source>
        <translation>{name} locked the desk.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="225"/>
        <source>Mọi thông tin đang nhập vẫn được giữ nguyên. Nhập mật khẩu của {name} để tiếp tục; người khác dùng máy thì bấm «Đổi người dùng».</source>
        <translation>Everything being typed is kept. Enter {name}&apos;s password to go on; someone else at the desk presses “Switch user”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="233"/>
        <source>Nhập mật khẩu để mở khóa.</source>
        <translation>Enter the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="242"/>
        <source>Sai mật khẩu.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="248"/>
        <source>Không mở khóa được.</source>
        <translation>Could not unlock.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/ui/main_window.py" line="113"/>
        <source>Commune Desk — {agency} — {desk}</source>
        <translation>Commune Desk — {agency} — {desk}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="177"/>
        <source>{name} ({role}) · {desk} · Cơ sở dữ liệu: {db}</source>
        <translation>{name} ({role}) · {desk} · Database: {db}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="225"/>
        <source>Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="206"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="208"/>
        <source>Tiếp nhận mới</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="211"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="215"/>
        <source>Trả kết quả</source>
        <translation>Hand back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="222"/>
        <source>Đồng bộ lên tỉnh</source>
        <translation>Sync to province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="230"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="232"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="233"/>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="234"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="235"/>
        <source>Khóa máy</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="339"/>
        <source>Đã đổi mật khẩu.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="115"/>
        <source>Tiếp nhận hồ sơ mới</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="116"/>
        <source>Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới?</source>
        <translation>Discard the dossier being typed and start a new one?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="375"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Đã điền thông tin người nộp từ thẻ căn cước: {name}.</source>
        <translation type="vanished">Applicant filled in from the ID card: {name}.</translation>
    </message>
    <message>
        <source>Đã đọc thẻ căn cước của {name}. Mở màn hình tiếp nhận (F2) rồi quét lại để điền vào hồ sơ mới.</source>
        <translation type="vanished">Read the ID card of {name}. Open intake (F2) and scan again to fill a new dossier.</translation>
    </message>
    <message>
        <source>Không đọc được mã vừa quét: {message}</source>
        <translation type="vanished">The scanned code was not accepted: {message}</translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ {code}.</source>
        <translation type="vanished">Dossier {code} received.</translation>
    </message>
    <message>
        <source>Đã ghi từ chối hồ sơ {code}.</source>
        <translation type="vanished">Refusal of {code} recorded.</translation>
    </message>
    <message>
        <source>Chưa in được phiếu hướng dẫn bổ sung cho hồ sơ chưa tiếp nhận.</source>
        <translation type="vanished">The supplement guidance for a dossier not yet received cannot be printed yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="148"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Supplement request</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="363"/>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desk/ui/navigation.py" line="171"/>
        <source>Số liệu của tháng</source>
        <translation>The month&apos;s figures</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../../desk/ui/navigation.py" line="37"/>
        <source>Tài khoản {role} không được phép {what}; việc này cần tài khoản {least}.</source>
        <translation>A {role} account may not {what}; that needs a {least} account.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <location filename="../../desk/ui/ops.py" line="225"/>
        <source>Có lỗi ngoài dự kiến; chi tiết đã được ghi vào nhật ký của máy.</source>
        <translation>An unexpected error; the details are in this computer&apos;s log.</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="85"/>
        <source>&amp;Tiếp nhận  (Ctrl+Enter)</source>
        <translation>&amp;Receive  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="89"/>
        <source>Yêu cầu &amp;bổ sung giấy tờ…</source>
        <translation>Request &amp;missing papers…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="91"/>
        <source>Từ &amp;chối tiếp nhận…</source>
        <translation>Re&amp;fuse…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="94"/>
        <source>Hủy, nhập hồ sơ khác</source>
        <translation>Cancel, start another</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="117"/>
        <source>Còn cảnh báo — vẫn tiếp nhận?</source>
        <translation>Warnings left — receive anyway?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="122"/>
        <source>Đã kiểm tra, &amp;vẫn tiếp nhận</source>
        <translation>Checked, recei&amp;ve anyway</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="125"/>
        <source>&amp;Quay lại sửa  (Esc)</source>
        <translation>&amp;Back to correct  (Esc)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="134"/>
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation>Refuse the dossier (form 03)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="135"/>
        <source>Lý do từ chối *</source>
        <translation>Reason for the refusal *</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="140"/>
        <source>Ví dụ: Hồ sơ không thuộc thẩm quyền giải quyết của UBND xã.</source>
        <translation>E.g. the dossier is not within the commune People&apos;s Committee&apos;s competence.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="147"/>
        <source>Xác nhận &amp;từ chối  (Ctrl+Enter)</source>
        <translation>Confirm the re&amp;fusal  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="152"/>
        <location filename="../../desk/ui/intake/outcome.py" line="184"/>
        <source>&amp;Quay lại  (Esc)</source>
        <translation>&amp;Back  (Esc)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="161"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)</source>
        <translation>Request to complete the dossier (form 02)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="162"/>
        <source>Giấy tờ còn thiếu (dấu cách để chọn) *</source>
        <translation>Missing papers (space to choose) *</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="167"/>
        <source>Lý do *</source>
        <translation>Reason *</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="173"/>
        <source>Nơi xem quy định</source>
        <translation>Where the rules are posted</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="181"/>
        <source>In &amp;phiếu hướng dẫn bổ sung  (Ctrl+Enter)</source>
        <translation>&amp;Print the guidance slip  (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="274"/>
        <source>✔ Chưa thấy lỗi.</source>
        <translation>✔ No problems found.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="279"/>
        <source>{0} mục cần sửa hoặc còn thiếu</source>
        <translation>{0} items to correct or fill in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="281"/>
        <source>{0} cảnh báo</source>
        <translation>{0} warnings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/outcome.py" line="282"/>
        <source>Còn {0}.</source>
        <translation>Left: {0}.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="295"/>
        <location filename="../../desk/ui/backup_dialog.py" line="309"/>
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="300"/>
        <source>Mọi bản sao lưu được mã hóa bằng mật khẩu này. Ghi lại và cất ở nơi an toàn: mất mật khẩu thì không khôi phục được dữ liệu.</source>
        <translation>Every backup is encrypted with this passphrase. Write it down and keep it somewhere safe: without it the data cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="310"/>
        <source>Nhập lại</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="318"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="320"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk/ui/backup_dialog.py" line="330"/>
        <source>Hai lần nhập không giống nhau.</source>
        <translation>The two entries differ.</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="42"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="43"/>
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
</context>
<context>
    <name>Permission</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="101"/>
        <source>tiếp nhận hồ sơ</source>
        <translation>receive dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="102"/>
        <source>chuyển trạng thái hồ sơ</source>
        <translation>change a dossier&apos;s status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="103"/>
        <source>in phiếu, sổ và văn bản</source>
        <translation>print slips, books and letters</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="104"/>
        <source>trả kết quả</source>
        <translation>hand back results</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="105"/>
        <source>tra cứu hồ sơ</source>
        <translation>search dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="106"/>
        <source>xem hồ sơ</source>
        <translation>view dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="107"/>
        <source>đồng bộ với hệ thống của tỉnh</source>
        <translation>sync with the province&apos;s system</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="108"/>
        <source>xuất dữ liệu hồ sơ</source>
        <translation>export dossier data</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="109"/>
        <source>điều chỉnh lịch làm việc</source>
        <translation>adjust the working calendar</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="110"/>
        <source>xử lý các mục cần xem xét của đồng bộ</source>
        <translation>handle the sync&apos;s attention items</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="111"/>
        <source>xem số liệu và báo cáo</source>
        <translation>see figures and reports</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="112"/>
        <source>sao lưu dữ liệu</source>
        <translation>back up the data</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="113"/>
        <source>kiểm tra nhật ký</source>
        <translation>check the audit log</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="114"/>
        <source>quản lý tài khoản</source>
        <translation>manage accounts</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="115"/>
        <source>thiết lập thông tin cơ quan</source>
        <translation>set up the office&apos;s details</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="116"/>
        <source>sửa danh mục thủ tục</source>
        <translation>edit the procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="117"/>
        <source>khôi phục dữ liệu từ bản sao lưu</source>
        <translation>restore data from a backup</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="103"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="134"/>
        <source>Chép từ người nộp hồ sơ</source>
        <translation>Copy from the applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="137"/>
        <source>Người này chính là người nộp hồ sơ</source>
        <translation>This person is the applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="217"/>
        <source>sinh {0}</source>
        <translation>born {0}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="219"/>
        <source>ĐT {0}</source>
        <translation>phone {0}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="223"/>
        <source>Đã có trong dữ liệu của xã: {0}.</source>
        <translation>Already known to the commune: {0}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/widgets/person.py" line="225"/>
        <source>&amp;Dùng thông tin này</source>
        <translation>&amp;Use these details</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="42"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="43"/>
        <source>Chọn thủ tục (Alt+1) để biết hạn trả và lệ phí.</source>
        <translation>Choose a procedure (Alt+1) to see the due time and the fees.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="46"/>
        <source>Mức phí cần đối chiếu nghị quyết của tỉnh.</source>
        <translation>Check the fee against the province&apos;s resolution.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="47"/>
        <source>Đăng ký quá hạn.</source>
        <translation>Late registration.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="48"/>
        <source>Không miễn</source>
        <translation>No exemption</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="71"/>
        <source>Cần xác minh (thời hạn {0})</source>
        <translation>Checks needed (time: {0})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="123"/>
        <source>Lệ phí: {0}</source>
        <translation>Fee: {0}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="139"/>
        <source>Thời hạn giải quyết: {0}</source>
        <translation>Processing time: {0}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="141"/>
        <source> (cần xác minh)</source>
        <translation> (checks needed)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="165"/>
        <source>{0}: miễn ({1})</source>
        <translation>{0}: exempt ({1})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="170"/>
        <source>{0}: miễn</source>
        <translation>{0}: free</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="175"/>
        <source>({0} bản × {1})</source>
        <translation>({0} copies × {1})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="201"/>
        <source>Hẹn trả kết quả</source>
        <translation>Result due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="218"/>
        <source>Miễn lệ phí:</source>
        <translation>Fee exemption:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="231"/>
        <source>Hình thức thu:</source>
        <translation>Paid by:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake/preview.py" line="254"/>
        <source>Nhận lúc: {0}</source>
        <translation>Received at: {0}</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="159"/>
        <source>Xem trước khi in — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="182"/>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="183"/>
        <source>In (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="185"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="205"/>
        <source>Không hiển thị được biểu mẫu.</source>
        <translation>The form cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="213"/>
        <source>khổ cuộn</source>
        <translation>roll</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="215"/>
        <source>{pages} trang · {paper}</source>
        <translation>{pages} pages · {paper}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="234"/>
        <source>Máy này chưa cài máy in nào: có thể in ra tệp PDF trong hộp thoại in, hoặc dùng «Lưu PDF…».</source>
        <translation>No printer is installed on this computer: print to a PDF file in the print dialog, or use «Save PDF…».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="239"/>
        <source>In {title}</source>
        <translation>Print {title}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="252"/>
        <source>Đang gửi tới máy in…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="260"/>
        <source>Đã gửi {pages} trang tới {printer}.</source>
        <translation>Sent {pages} pages to {printer}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="271"/>
        <source>Không in được: {error}</source>
        <translation>Printing failed: {error}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="279"/>
        <source>Lưu biểu mẫu thành PDF</source>
        <translation>Save the form as PDF</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="279"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="292"/>
        <source>Không lưu được tệp: {error}</source>
        <translation>File not saved: {error}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="296"/>
        <source>Đã lưu {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desk/ui/intake/procedure_picker.py" line="109"/>
        <source>Tìm thủ tục: gõ tên (không cần dấu, ví dụ «khai sinh») hoặc mã (1.001193)…</source>
        <translation>Find a procedure: type its name (e.g. “birth”; Vietnamese needs no accents) or its code (1.001193)…</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="171"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="171"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="178"/>
        <source>Cần ghi rõ nội dung trước khi xác nhận.</source>
        <translation>Write the details before confirming.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="181"/>
        <source>Cần ghi lý do vì sao đây là lỗi của cơ quan.</source>
        <translation>Write why this is the office&apos;s fault.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desk/ui/restore.py" line="91"/>
        <source>Khôi phục từ bản sao lưu</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="100"/>
        <source>Chọn tệp…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="104"/>
        <source>Tệp sao lưu</source>
        <translation>Backup file</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="106"/>
        <source>Chọn một tệp sao lưu (.deskbackup).</source>
        <translation>Choose a backup file (.deskbackup).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="112"/>
        <source>Nội dung</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="115"/>
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="120"/>
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="122"/>
        <source>Mật khẩu đăng nhập</source>
        <translation>Sign-in password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="130"/>
        <source>Đây là bản sao lưu của cơ quan khác: tôi vẫn muốn khôi phục nó.</source>
        <translation>This is another office&apos;s backup: I still want to restore it.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="135"/>
        <source>Tôi hiểu: dữ liệu hiện tại được cất sang một bên và thay bằng bản sao lưu.</source>
        <translation>I understand: the current data is put aside and replaced by the backup.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="151"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="153"/>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="167"/>
        <source>Cơ sở dữ liệu hiện tại (cùng các tệp -wal, -shm đi kèm) được đổi tên và cất lại trong thư mục {folder}, không bị xóa.</source>
        <translation>The current database (with its -wal and -shm files) is renamed and kept in the folder {folder}, not deleted.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="172"/>
        <source>Trước khi khôi phục, dữ liệu hiện tại được sao lưu (lý do «Trước khi khôi phục») vào {folder}.</source>
        <translation>Before the restore, the current data is backed up (reason “Before restore”) to {folder}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="177"/>
        <source>Khôi phục thay toàn bộ dữ liệu của cơ quan (hồ sơ, tệp quét, tài khoản) bằng nội dung bản sao lưu. Hồ sơ nhập sau thời điểm sao lưu sẽ không còn trong chương trình.</source>
        <translation>A restore replaces all the office&apos;s data (dossiers, scans, accounts) with the backup&apos;s. Dossiers entered after the backup will no longer be in the desk.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="184"/>
        <source>Mọi người phải đăng nhập lại sau khi khôi phục.</source>
        <translation>Everyone signs in again after the restore.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="191"/>
        <source>Chọn tệp sao lưu</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="193"/>
        <source>Bản sao lưu (*{suffix});;Mọi tệp (*)</source>
        <translation>Backups (*{suffix});;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="221"/>
        <source>Sao lưu lúc {when} ({reason}), cơ quan {agency}
{n} hồ sơ, {f} tệp quét · {size}</source>
        <translation>Backed up at {when} ({reason}), office {agency}
{n} dossiers, {f} scans · {size}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="231"/>
        <source>Bản sao lưu này của cơ quan khác (máy này là {mine}).</source>
        <translation>This backup is another office&apos;s (this desk is {mine}).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="263"/>
        <source>Nhập mật khẩu sao lưu.</source>
        <translation>Enter the backup passphrase.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="267"/>
        <source>Nhập tài khoản và mật khẩu của quản trị viên.</source>
        <translation>Enter an administrator&apos;s account and password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="277"/>
        <source>Đang kiểm tra bản sao lưu…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/restore.py" line="351"/>
        <source>Đã khôi phục bản sao lưu lúc {when}: {n} hồ sơ, {f} tệp. Dữ liệu trước đó được cất ở {aside}. Hãy đăng nhập lại.</source>
        <translation>Restored the backup of {when}: {n} dossiers, {f} files. The earlier data is kept in {aside}. Please sign in again.</translation>
    </message>
</context>
<context>
    <name>ResultDelivery</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="29"/>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="30"/>
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
</context>
<context>
    <name>ResultScanRow</name>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="41"/>
        <source>Chọn tệp…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="44"/>
        <source>Tệp PDF hoặc ảnh (JPEG, PNG) của kết quả; có thể kéo thả tệp vào đây.</source>
        <translation>A PDF or a picture (JPEG, PNG) of the result; you can also drop the file here.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="50"/>
        <source>Bỏ bản quét</source>
        <translation>Remove the scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="74"/>
        <source>Chưa có (không bắt buộc).</source>
        <translation>None yet (optional).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="82"/>
        <source>Đã lưu bản quét kết quả khi trả.</source>
        <translation>Result scan saved at hand-back.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="89"/>
        <source>Chọn bản quét kết quả</source>
        <translation>Choose the result&apos;s scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="91"/>
        <source>Bản quét (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="105"/>
        <source>Đang lưu «{name}»…</source>
        <translation>Saving “{name}”…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="117"/>
        <source>Đã đính kèm «{name}».</source>
        <translation>“{name}” attached.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="124"/>
        <source>Không lưu được bản quét (lỗi đã ghi vào nhật ký).</source>
        <translation>The scan could not be saved (the error is in the log).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/result_scan.py" line="125"/>
        <source>Vẫn trả kết quả được khi không có bản quét.</source>
        <translation>The result can still be handed back without a scan.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="20"/>
        <source>Cán bộ một cửa</source>
        <translation>Desk clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="21"/>
        <source>Lãnh đạo</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="22"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>RunOutcome</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="59"/>
        <source>Đang đồng bộ.</source>
        <translation>Syncing.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="60"/>
        <source>Đồng bộ xong, tỉnh đã nhận tất cả.</source>
        <translation>Sync done; the province accepted everything.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="61"/>
        <source>Đồng bộ xong; có mục cần người phụ trách xem xét.</source>
        <translation>Sync done; some items need the supervisor&apos;s attention.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="62"/>
        <source>Không kết nối được máy chủ tỉnh. Dữ liệu không mất; hãy đồng bộ lại sau.</source>
        <translation>The province&apos;s server cannot be reached. No data is lost; sync again later.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="63"/>
        <source>Cấu hình đồng bộ chưa đúng.</source>
        <translation>The sync configuration is not right.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="64"/>
        <source>Đồng bộ dừng vì lỗi phần mềm hoặc trả lời sai của máy chủ tỉnh.</source>
        <translation>The sync stopped on a software error or a wrong answer from the province&apos;s server.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="65"/>
        <source>Đã hủy đồng bộ. Dữ liệu không mất; lần sau sẽ tiếp tục.</source>
        <translation>Sync cancelled. No data is lost; the next run goes on from here.</translation>
    </message>
</context>
<context>
    <name>Satisfaction</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="23"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="24"/>
        <source>Bình thường</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="25"/>
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
</context>
<context>
    <name>ScanListener</name>
    <message>
        <location filename="../../desk/ui/scanner.py" line="336"/>
        <source>Mã vừa quét bị thiếu chữ: máy quét đã gửi phím không ra chữ nào (thường là chữ có dấu như «ù», «ị» mà máy quét không gõ được). Chưa điền gì để tránh sai thông tin. Hãy đặt máy quét ở chế độ gửi chữ Unicode (hoặc đúng kiểu bàn phím của máy tính) rồi quét lại.</source>
        <translation>The scanned code lost letters: the scanner sent keys that typed nothing (usually accented letters such as “ù”, “ị” it cannot type). Nothing was filled, to avoid wrong details. Set the scanner to send Unicode text (or the computer&apos;s keyboard layout) and scan again.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desk/ui/settings.py" line="110"/>
        <source>Cài đặt máy này</source>
        <translation>Settings of this desk</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="221"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="222"/>
        <source>Không tự khóa</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="207"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="219"/>
        <source>Tự khóa máy sau</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="230"/>
        <source>Tên quầy</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="242"/>
        <source>Nơi sao lưu thứ hai (USB, thư mục mạng)</source>
        <translation>Second backup place (USB stick, network folder)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="124"/>
        <source>Ngôn ngữ mới áp dụng cho các màn hình mở sau; mở lại chương trình để đổi toàn bộ.</source>
        <translation>The new language applies to screens opened from now on; restart the desk to change everything.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="135"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="136"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="228"/>
        <source>Tên quầy không được để trống.</source>
        <translation>The desk name cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="158"/>
        <source>Không lưu được cài đặt: {e}</source>
        <translation>Settings not saved: {e}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="58"/>
        <source>Đăng nhập — Commune Desk</source>
        <translation>Sign in — Commune Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="60"/>
        <source>Đổi người dùng — Commune Desk</source>
        <translation>Switch user — Commune Desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="73"/>
        <source>Đăng nhập bằng tài khoản cán bộ của cơ quan.</source>
        <translation>Sign in with your staff account.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="77"/>
        <source>Đăng nhập bằng tài khoản của người dùng mới. Hồ sơ đang nhập dở của {name} được lưu lại để người đó làm tiếp sau.</source>
        <translation>Sign in with the new user&apos;s account. The unfinished intake of {name} is kept for them to finish later.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="87"/>
        <source>ví dụ: canbo1</source>
        <translation>e.g. canbo1</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="91"/>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="92"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="102"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="102"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="104"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="119"/>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter the username and password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="134"/>
        <source>Không đăng nhập được.</source>
        <translation>Could not sign in.</translation>
    </message>
</context>
<context>
    <name>Signer</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="125"/>
        <source>Chủ tịch ký (TM. Ủy ban nhân dân)</source>
        <translation>Signed by the Chairman (on behalf of the People&apos;s Committee)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="126"/>
        <source>Phó Chủ tịch ký thay (KT. Chủ tịch)</source>
        <translation>Signed by a Vice-Chairman (for the Chairman)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="10"/>
        <source>Mới đăng ký</source>
        <translation>Submitted online</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="11"/>
        <source>Được tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="12"/>
        <source>Không được tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="13"/>
        <source>Đang xử lý</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="14"/>
        <source>Yêu cầu bổ sung giấy tờ</source>
        <translation>Missing papers requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="15"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Payment requested</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="16"/>
        <source>Công dân yêu cầu rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="17"/>
        <source>Dừng xử lý</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="18"/>
        <source>Đã xử lý xong</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="19"/>
        <source>Đã trả kết quả</source>
        <translation>Result handed back</translation>
    </message>
</context>
<context>
    <name>StopNoticeDialog</name>
    <message>
        <location filename="../../desk/ui/printouts.py" line="87"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice of stopping the dossier</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="89"/>
        <source>Việc dừng giải quyết hồ sơ có theo đề nghị của công dân không?</source>
        <translation>Is the dossier stopped at the citizen&apos;s request?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="92"/>
        <source>Có — công dân đề nghị dừng</source>
        <translation>Yes — the citizen asked to stop</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="94"/>
        <source>Không — dừng theo quy định</source>
        <translation>No — stopped under the rules</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="107"/>
        <source>Người ký:</source>
        <translation>Signed by:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="110"/>
        <source>Họ tên người ký (để trống: ký tay)</source>
        <translation>Signer&apos;s full name (empty: signed by hand)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="111"/>
        <source>Họ tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="114"/>
        <source>Thông báo được cấp số khi in lần đầu; in lại giữ nguyên số và nội dung.</source>
        <translation>The notice gets its number when first printed; a reprint keeps the number and the content.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="120"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/printouts.py" line="121"/>
        <source>In thông báo</source>
        <translation>Print the notice</translation>
    </message>
</context>
<context>
    <name>StuckBatchesBox</name>
    <message>
        <location filename="../../desk/ui/sync_batches.py" line="30"/>
        <source>Lô bị kẹt</source>
        <translation>Stuck batches</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_batches.py" line="38"/>
        <source>Lý do để riêng lô (bắt buộc)</source>
        <translation>Why the batch is set aside (required)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_batches.py" line="40"/>
        <source>Để riêng lô đã chọn</source>
        <translation>Set the chosen batch aside</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_batches.py" line="43"/>
        <source>Các hồ sơ của lô vào danh sách cần xem xét với lý do này; hàng đợi đi tiếp. Gửi lại từng hồ sơ bằng «Gửi lại».</source>
        <translation>The batch&apos;s dossiers go to the attention list with this reason; the queue moves on. Send each dossier again with “Send again”.</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="130"/>
        <source>Tỷ lệ giải quyết đúng hạn</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="131"/>
        <source>Tỷ lệ hài lòng</source>
        <translation>Satisfaction rate</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="136"/>
        <source>Xu hướng 12 tháng</source>
        <translation>12-month trend</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="156"/>
        <source>Bấm vào một dòng để mở hồ sơ</source>
        <translation>Click a row to open the dossier</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="170"/>
        <source>Số liệu của tháng</source>
        <translation>The month&apos;s figures</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="174"/>
        <source>‹ Tháng trước</source>
        <translation>‹ Previous month</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="178"/>
        <source>Tháng xem số liệu</source>
        <translation>The month whose figures are shown</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="182"/>
        <source>Tháng sau ›</source>
        <translation>Next month ›</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="190"/>
        <source>Đang tính số liệu… %v/%m</source>
        <translation>Counting the figures… %v/%m</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="308"/>
        <source>Không tính được số liệu của tháng.</source>
        <translation>The month&apos;s figures could not be counted.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="339"/>
        <source>{period} · đã hết tháng</source>
        <translation>{period} · month ended</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="342"/>
        <source>{period} · tính đến {moment}</source>
        <translation>{period} · as of {moment}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="350"/>
        <source>Tháng {month}/{year}</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="371"/>
        <source>Hồ sơ quá hạn ({count})</source>
        <translation>Overdue dossiers ({count})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="373"/>
        <source>Đến hạn trong 2 ngày làm việc tới ({count})</source>
        <translation>Due within 2 working days ({count})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor.py" line="379"/>
        <source>Theo cán bộ tiếp nhận ({count})</source>
        <translation>By receiving clerk ({count})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="96"/>
        <source>chưa có gì để tính</source>
        <translation>nothing to count yet</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="97"/>
        <source>đạt</source>
        <translation>met</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="98"/>
        <source>chưa đạt</source>
        <translation>not met</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="101"/>
        <source>Mục tiêu ≥ {goal}% · {state}</source>
        <translation>Target ≥ {goal}% · {state}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="109"/>
        <source>Đã giải quyết {finished}: trước hạn {early}, đúng hạn {on_time}, quá hạn {late}</source>
        <translation>{finished} finished: {early} early, {on_time} on time, {late} late</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="120"/>
        <source>; {count} trong hạn nhưng có lỗi của cơ quan</source>
        <translation>; {count} on time but with the office at fault</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="127"/>
        <source>{rated} lượt đánh giá: {satisfied} {s}, {neutral} {n}, {dissatisfied} {d}.</source>
        <translation>{rated} ratings: {satisfied} {s}, {neutral} {n}, {dissatisfied} {d}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="146"/>
        <source>Chỉ số phục vụ (Quyết định 766)</source>
        <translation>Service index (Decision 766)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="152"/>
        <source>Số liệu tự tính, cần đối chiếu với số liệu tỉnh công bố.</source>
        <translation>Counted by the desk: check against the province&apos;s published figures.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="178"/>
        <source>Cộng: {earned} / {known} điểm tính được</source>
        <translation>Total: {earned} / {known} points counted here</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="200"/>
        <source>{label}: {points} điểm, không tính được tại bộ phận một cửa</source>
        <translation>{label}: {points} points, not countable at the desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="253"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="254"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="255"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="256"/>
        <source>Cán bộ</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="257"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="278"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="279"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="280"/>
        <source>Giải quyết</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="281"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="282"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_parts.py" line="283"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="425"/>
        <source>Tiến độ giải quyết</source>
        <translation>Processing progress</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="426"/>
        <source>Dịch vụ công trực tuyến</source>
        <translation>Online public services</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="427"/>
        <source>Thanh toán trực tuyến</source>
        <translation>Online payment</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="428"/>
        <source>Mức độ hài lòng</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="429"/>
        <source>Số hóa hồ sơ</source>
        <translation>Dossier digitisation</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="430"/>
        <source>Số hóa kết quả</source>
        <translation>Result digitisation</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="431"/>
        <source>Công khai, minh bạch</source>
        <translation>Openness and transparency</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="97"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="99"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="116"/>
        <source>Kết quả lần đồng bộ</source>
        <translation>Sync results</translation>
    </message>
    <message>
        <source>Cần xem xét</source>
        <translation type="vanished">Needs attention</translation>
    </message>
    <message>
        <source>Đã xem xét</source>
        <translation type="vanished">Dealt with</translation>
    </message>
    <message>
        <source>Gửi lại</source>
        <translation type="vanished">Send again</translation>
    </message>
    <message>
        <source>Hồ sơ bị từ chối: gửi lại nguyên trạng. Hồ sơ xung đột: gửi bản của quầy với phiên bản mới (ghi vào lịch sử hồ sơ).</source>
        <translation type="vanished">Rejected dossier: sent again as it is. Conflicting dossier: the desk&apos;s version is sent with a new revision (recorded in the dossier&apos;s history).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="223"/>
        <source>Chờ gửi: {n} hồ sơ</source>
        <translation>Waiting to send: {n} dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="207"/>
        <source>Chưa đồng bộ lần nào.</source>
        <translation>Never synced.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="82"/>
        <source>Cấu hình kết nối…</source>
        <translation>Connection settings…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="84"/>
        <source>Địa chỉ máy chủ tỉnh, tài khoản, mật khẩu và tệp chứng chỉ CA</source>
        <translation>The province server&apos;s address, account, password and CA certificate file</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="212"/>
        <source>Lần đồng bộ gần nhất: {when} — {outcome}</source>
        <translation>Last sync: {when} — {outcome}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="262"/>
        <source>● Chưa cấu hình máy chủ tỉnh</source>
        <translation>● Province server not configured</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="264"/>
        <source>● Đang kiểm tra kết nối…</source>
        <translation>● Checking the connection…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="266"/>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="268"/>
        <source>● Mất kết nối tới tỉnh</source>
        <translation>● No connection to the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="304"/>
        <source>Đang bắt đầu…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="313"/>
        <location filename="../../desk/ui/sync_panel.py" line="334"/>
        <source>Đang hủy… (dừng sau bước đang làm)</source>
        <translation>Cancelling… (stops after the current step)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="319"/>
        <source>Đã gửi %v/%m hồ sơ</source>
        <translation>Sent %v/%m dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="342"/>
        <source>{phase}: máy chủ tỉnh chưa nhận ({problem}). Đang thử lại lần {n}/{most} sau {seconds} giây…</source>
        <translation>{phase}: the province&apos;s server did not accept it ({problem}). Retry {n}/{most} in {seconds} s…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="380"/>
        <location filename="../../desk/ui/sync_panel.py" line="403"/>
        <source>Đã gửi {sent}/{total} hồ sơ</source>
        <translation>Sent {sent}/{total} dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="385"/>
        <source>Không có hồ sơ nào chờ gửi</source>
        <translation>No dossier waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="408"/>
        <source>Chưa gửi hồ sơ nào</source>
        <translation>No dossier sent yet</translation>
    </message>
    <message>
        <source>Chưa gửi được hồ sơ nào</source>
        <translation type="vanished">No dossier sent yet</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="427"/>
        <source>Đã để riêng lô {id}.</source>
        <translation>Batch {id} set aside.</translation>
    </message>
</context>
<context>
    <name>SyncPhase</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="66"/>
        <source>Kiểm tra kết nối</source>
        <translation>Checking the connection</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="67"/>
        <source>Nhận thay đổi từ tỉnh</source>
        <translation>Receiving changes from the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="68"/>
        <source>Tải tệp đính kèm</source>
        <translation>Uploading attachments</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="69"/>
        <source>Gửi hồ sơ</source>
        <translation>Sending dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="70"/>
        <source>Nhận thay đổi từ tỉnh (lần 2)</source>
        <translation>Receiving changes from the province (again)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="71"/>
        <source>Hoàn tất</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SyncResult</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="44"/>
        <source>Tỉnh đã nhận</source>
        <translation>Accepted by the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="45"/>
        <source>Đã có (gửi lại an toàn)</source>
        <translation>Already there (safe resend)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="46"/>
        <source>Tỉnh giữ bản mới hơn</source>
        <translation>The province holds a newer version</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="47"/>
        <source>Xung đột phiên bản</source>
        <translation>Version conflict</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="48"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="44"/>
        <source>Cấu hình kết nối tới hệ thống của tỉnh</source>
        <translation>Connection to the province&apos;s system</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="49"/>
        <source>Địa chỉ, tài khoản và mật khẩu do đơn vị quản lý hệ thống một cửa của tỉnh cấp. Mật khẩu được lưu ở dạng bảo vệ, không lưu dạng rõ.</source>
        <translation>The address, account and password come from the unit running the province&apos;s one-stop system. The password is stored protected, never in clear.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="63"/>
        <source>Không bắt buộc: tệp .pem do tỉnh cung cấp</source>
        <translation>Optional: the .pem file the province provides</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="64"/>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="70"/>
        <source>Cho phép HTTP không mã hóa tới máy khác (chỉ khi tỉnh yêu cầu)</source>
        <translation>Allow unencrypted HTTP to another machine (only if the province asks)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="72"/>
        <source>Địa chỉ máy chủ tỉnh</source>
        <translation>Province server address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="73"/>
        <source>Tài khoản đồng bộ</source>
        <translation>Sync account</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="74"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="75"/>
        <source>Tệp chứng chỉ CA (PEM)</source>
        <translation>CA certificate file (PEM)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="84"/>
        <source>Thử kết nối</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="86"/>
        <source>Kiểm tra địa chỉ và đăng nhập bằng thông tin đang nhập, chưa lưu</source>
        <translation>Check the address and sign in with the details typed, without saving</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="89"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="92"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="122"/>
        <source>Để trống: giữ mật khẩu đã lưu</source>
        <translation>Leave empty to keep the saved password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="140"/>
        <source>Chọn tệp chứng chỉ CA của tỉnh</source>
        <translation>Choose the province&apos;s CA certificate file</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="142"/>
        <source>Chứng chỉ PEM (*.pem *.crt *.cer);;Mọi tệp (*)</source>
        <translation>PEM certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="180"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="195"/>
        <source>Đang thử kết nối tới máy chủ tỉnh…</source>
        <translation>Trying the province&apos;s server…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_settings.py" line="208"/>
        <source>Kết nối được: máy chủ tỉnh trả lời (giờ máy chủ {clock}) và nhận tài khoản {user}. Bấm «Lưu» để dùng cấu hình này.</source>
        <translation>Connected: the province&apos;s server answered (server time {clock}) and accepted the account {user}. Press “Save” to use these settings.</translation>
    </message>
</context>
<context>
    <name>Timeliness</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="31"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="32"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="33"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../desk/ui/today.py" line="25"/>
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="28"/>
        <source>Đã trả kết quả hôm nay</source>
        <translation>Handed back today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="29"/>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="32"/>
        <source>Sắp đến hạn (đến hết ngày làm việc kế tiếp)</source>
        <translation>Due soon (by the end of the next working day)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="37"/>
        <source>Chờ đồng bộ lên tỉnh</source>
        <translation>Waiting to sync to the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="66"/>
        <source>Bấm để xem danh sách</source>
        <translation>Click to see the list</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="106"/>
        <source>{agency} · {province} · Mã định danh {agency_id}</source>
        <translation>{agency} · {province} · Agency ID {agency_id}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="128"/>
        <source>F2 tiếp nhận hồ sơ mới · F3 danh sách hồ sơ · F4 trả kết quả · quét mã vạch giấy hẹn để mở hồ sơ · Ctrl+L khóa máy</source>
        <translation>F2 new intake · F3 dossiers · F4 hand back · scan a slip&apos;s barcode to open its dossier · Ctrl+L lock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="174"/>
        <source>Không đọc được số liệu.</source>
        <translation>Could not read the figures.</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../desk/ui/supervisor_charts.py" line="86"/>
        <source>Tháng {first} – {last}</source>
        <translation>Months {first} – {last}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_charts.py" line="100"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_charts.py" line="103"/>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desk/ui/supervisor_charts.py" line="122"/>
        <source>Mục tiêu {value}%</source>
        <translation>Target {value}%</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="118"/>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="119"/>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="120"/>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="121"/>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="122"/>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="123"/>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desk/ui/label_texts.py" line="124"/>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
</TS>
