<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="202"/>
        <source>Hẹn lại ngày trả kết quả</source>
        <translation>New due date</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="207"/>
        <source>Hồ sơ sẽ có ngày hẹn mới; ngày hẹn cũ vẫn được lưu và việc đúng hạn vẫn tính theo ngày hẹn cũ. Sau khi ghi, văn bản xin lỗi được in ngay.</source>
        <translation>The dossier gets a new due date; the old one stays on record and timeliness is still judged against it. The apology letter prints right after saving.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="221"/>
        <source>Ngày hẹn mới</source>
        <translation>New due time</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="222"/>
        <source>Lý do chậm</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="227"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="227"/>
        <source>Ghi và in văn bản xin lỗi</source>
        <translation>Save and print the apology</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="233"/>
        <source>Cần ghi lý do chậm trả kết quả.</source>
        <translation>Write the reason for the delay.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="236"/>
        <source>Cần ghi lý do vì sao đây là lỗi của cơ quan.</source>
        <translation>Write why this is the office&apos;s fault.</translation>
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
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="327"/>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="328"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="329"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="330"/>
        <source>Bản chứng thực</source>
        <translation>Certified copies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="331"/>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="332"/>
        <source>Bản quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="357"/>
        <source>Đã số hóa</source>
        <translation>Digitised</translation>
    </message>
</context>
<context>
    <name>DossierListView</name>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="57"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="66"/>
        <source>Tìm theo mã hồ sơ, số định danh, số điện thoại hoặc họ tên (gõ không dấu cũng được)</source>
        <translation>Search by dossier code, ID number, phone or name (accents optional)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="75"/>
        <source>Tất cả hồ sơ</source>
        <translation>All dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="76"/>
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="77"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="78"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="199"/>
        <source>Đến hạn {day}</source>
        <translation>Due {day}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="84"/>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="80"/>
        <source>Đến hạn ngày làm việc kế tiếp</source>
        <translation>Due on the next working day</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="90"/>
        <source>Mọi thủ tục</source>
        <translation>All procedures</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="95"/>
        <source>Mọi cán bộ</source>
        <translation>All clerks</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="97"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="218"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="218"/>
        <source>{n} hồ sơ, đang tải thêm…</source>
        <translation>{n} dossiers, loading more…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="220"/>
        <source>Không có hồ sơ nào phù hợp.</source>
        <translation>No matching dossier.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="222"/>
        <source>{n} hồ sơ.</source>
        <translation>{n} dossiers.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_list.py" line="224"/>
        <source>{n} hồ sơ đầu tiên; cuộn xuống để xem thêm.</source>
        <translation>First {n} dossiers; scroll down for more.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="50"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="51"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="52"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="53"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="54"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="55"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="56"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="186"/>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="259"/>
        <source>Không đọc được danh sách hồ sơ.</source>
        <translation>Could not read the dossier list.</translation>
    </message>
</context>
<context>
    <name>DossierView</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="35"/>
        <source>Đã nhận đủ giấy tờ bổ sung</source>
        <translation>Missing documents received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="37"/>
        <source>Công dân đã nộp phí, lệ phí</source>
        <translation>Citizen has paid the fees</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="38"/>
        <source>Chuyển xử lý</source>
        <translation>Send for processing</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="40"/>
        <source>Yêu cầu bổ sung giấy tờ…</source>
        <translation>Request missing documents…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="43"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính…</source>
        <translation>Request payment…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="46"/>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="47"/>
        <source>Trả kết quả (F4)…</source>
        <translation>Hand back (F4)…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="48"/>
        <source>Công dân rút hồ sơ…</source>
        <translation>Citizen withdraws…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="49"/>
        <source>Dừng xử lý…</source>
        <translation>Stop processing…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="50"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="51"/>
        <source>Từ chối tiếp nhận…</source>
        <translation>Refuse…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="94"/>
        <source>Lý do (lỗi của cơ quan, được ghi vào hồ sơ và tính vào chỉ số):</source>
        <translation>Reason (the office&apos;s fault; recorded on the dossier and counted in the figures):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="88"/>
        <source>← Danh sách</source>
        <translation>← Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="91"/>
        <source>Chưa chọn hồ sơ</source>
        <translation>No dossier selected</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="98"/>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="123"/>
        <source>Thông tin hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="127"/>
        <source>Thao tác</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="132"/>
        <source>Trả ngay trong ngày (5 tại chỗ)…</source>
        <translation>Same-day hand back…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="135"/>
        <source>Đã tiếp nhận → Đã xử lý xong → Đã trả kết quả, trong một lần.</source>
        <translation>Received → result ready → returned, in one go.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="139"/>
        <source>Hẹn lại và in văn bản xin lỗi…</source>
        <translation>Reschedule and print the apology…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="145"/>
        <source>In lại biểu mẫu</source>
        <translation>Reprint a form</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="166"/>
        <source>Quá trình xử lý</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="167"/>
        <source>Giấy tờ và bản quét</source>
        <translation>Documents and scans</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="48"/>
        <source>{verdict} — so với hạn theo quy định {due}</source>
        <translation>{verdict} — against the legal due time {due}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="51"/>
        <source> (đã tính thời gian chờ bổ sung)</source>
        <translation> (time waiting for papers left out)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="57"/>
        <source>ghi lúc</source>
        <translation>recorded</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="66"/>
        <location filename="../../desk/ui/dossier_facts.py" line="125"/>
        <source>Lỗi của cơ quan</source>
        <translation>Office&apos;s fault</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="67"/>
        <source>lý do</source>
        <translation>reason</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="80"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="81"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="83"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="86"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="87"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="88"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="90"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="93"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="94"/>
        <source>Trích yếu</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="95"/>
        <source>Số bộ hồ sơ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="96"/>
        <source>Tiếp nhận lúc</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="97"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving clerk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="98"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="100"/>
        <source>Hẹn lại</source>
        <translation>Rescheduled to</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="104"/>
        <source>Xử lý xong</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="108"/>
        <source>Đã trả lúc</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="111"/>
        <source>Đúng hạn</source>
        <translation>Timeliness</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="112"/>
        <source>Các hạn đã có</source>
        <translation>Due times so far</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="113"/>
        <source>Nhận kết quả</source>
        <translation>Result delivery</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="115"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="121"/>
        <location filename="../../desk/ui/dossier_facts.py" line="127"/>
        <source>Không</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="123"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="133"/>
        <source>Người liên quan ({role})</source>
        <translation>Related person ({role})</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="138"/>
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_facts.py" line="140"/>
        <source>Đánh giá</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="286"/>
        <source>Hồ sơ đã ở trạng thái cuối «{status}»: không còn thao tác xử lý.</source>
        <translation>The dossier is in the final status «{status}»: nothing more to do.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="58"/>
        <source>Lý do công dân rút hồ sơ:</source>
        <translation>Why the citizen withdraws the dossier:</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="59"/>
        <source>Lý do dừng xử lý hồ sơ (in trên thông báo):</source>
        <translation>Why processing stops (printed on the notice):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="62"/>
        <source>Giấy tờ cần bổ sung và lý do (in trên phiếu yêu cầu bổ sung):</source>
        <translation>Missing documents and the reason (printed on the supplement request):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="65"/>
        <source>Khoản phải nộp (không bắt buộc):</source>
        <translation>Amount due (optional):</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="367"/>
        <source>Đã chuyển hồ sơ sang «{status}».</source>
        <translation>The dossier is now «{status}».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="438"/>
        <source>Đã hẹn lại ngày trả kết quả: {due}.</source>
        <translation>New due time: {due}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="460"/>
        <source>Giấy tờ này chưa có bản quét.</source>
        <translation>This document has no scan yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_view.py" line="473"/>
        <source>Không tìm thấy tệp bản quét trên máy này.</source>
        <translation>The scan file is not on this computer.</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="380"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="381"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="382"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_model.py" line="383"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HandBackView</name>
    <message>
        <location filename="../../desk/ui/handback.py" line="51"/>
        <source>Trả kết quả</source>
        <translation>Hand back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="54"/>
        <source>Quét mã vạch trên giấy hẹn, hoặc nhập mã hồ sơ rồi nhấn Enter.</source>
        <translation>Scan the barcode on the slip, or type the dossier code and press Enter.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="60"/>
        <source>Tìm</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="76"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="77"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="78"/>
        <location filename="../../desk/ui/handback.py" line="112"/>
        <source>Số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="79"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="80"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="81"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="90"/>
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="92"/>
        <source>Người nộp hồ sơ</source>
        <translation>The applicant</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="94"/>
        <source>Người nhận thay (có giấy tờ tùy thân)</source>
        <translation>A proxy (with an ID document)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="104"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="107"/>
        <source>ví dụ: con, vợ; giấy ủy quyền số …</source>
        <translation>e.g. son, wife; power of attorney no. …</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="111"/>
        <source>Họ tên người nhận thay</source>
        <translation>Proxy&apos;s full name</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="114"/>
        <source>Quan hệ / giấy ủy quyền</source>
        <translation>Relation / power of attorney</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="118"/>
        <source>Mức độ hài lòng của công dân</source>
        <translation>Citizen satisfaction</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="138"/>
        <source>Xác nhận trả kết quả và in sổ</source>
        <translation>Confirm hand back and print the book</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="179"/>
        <source>Người nộp hồ sơ: {name}</source>
        <translation>The applicant: {name}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="193"/>
        <source>Giải quyết ngay trong ngày: hồ sơ sẽ được ghi «Đã xử lý xong» rồi «Đã trả kết quả».</source>
        <translation>Same-day result: the dossier will be recorded as «result ready», then «returned».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="202"/>
        <source>Hồ sơ {code} đã trả kết quả lúc {at}.</source>
        <translation>Dossier {code} was handed back at {at}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="208"/>
        <source>Hồ sơ {code} đang «{status}»: chưa có kết quả để trả.</source>
        <translation>Dossier {code} is «{status}»: there is no result to hand back yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="232"/>
        <source>Quét hoặc nhập mã hồ sơ.</source>
        <translation>Scan or type a dossier code.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="234"/>
        <source>Hồ sơ này chưa thể trả kết quả.</source>
        <translation>This dossier cannot be handed back yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="237"/>
        <source>Nhập họ tên người nhận thay.</source>
        <translation>Enter the proxy&apos;s full name.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="240"/>
        <source>Nhập số định danh của người nhận thay.</source>
        <translation>Enter the proxy&apos;s ID number.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="246"/>
        <source>Chọn mức độ hài lòng của công dân.</source>
        <translation>Choose the citizen&apos;s satisfaction.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="267"/>
        <source>Hợp lệ: {sex}, sinh năm {year}, đăng ký khai sinh tại {province}.</source>
        <translation>Valid: {sex}, born {year}, birth registered in {province}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="315"/>
        <source>Đã trả kết quả hồ sơ {code}. Mời công dân ký nhận vào sổ.</source>
        <translation>Dossier {code} handed back. Ask the citizen to sign the book.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/handback.py" line="323"/>
        <source>Sổ theo dõi hồ sơ — ký nhận kết quả {code}</source>
        <translation>Tracking book — signature for {code}</translation>
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
        <location filename="../../desk/ui/sign_in.py" line="175"/>
        <source>Màn hình đã khóa. Mọi thông tin đang nhập vẫn được giữ nguyên. Nhập mật khẩu của {name} để tiếp tục; người khác dùng máy thì bấm «Đổi người dùng».</source>
        <translation>The screen is locked. Everything being typed is kept. Enter {name}&apos;s password to continue; someone else at the desk presses “Switch user”.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="184"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="190"/>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="192"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="223"/>
        <source>Nhập mật khẩu để mở khóa.</source>
        <translation>Enter the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="232"/>
        <source>Sai mật khẩu.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sign_in.py" line="238"/>
        <source>Không mở khóa được.</source>
        <translation>Could not unlock.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desk/ui/main_window.py" line="109"/>
        <source>Commune Desk — {agency} — {desk}</source>
        <translation>Commune Desk — {agency} — {desk}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="171"/>
        <source>{name} ({role}) · {desk} · Cơ sở dữ liệu: {db}</source>
        <translation>{name} ({role}) · {desk} · Database: {db}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="218"/>
        <source>Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="199"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="201"/>
        <source>Tiếp nhận mới</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="204"/>
        <source>Danh sách hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="208"/>
        <source>Trả kết quả</source>
        <translation>Hand back</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="215"/>
        <source>Đồng bộ lên tỉnh</source>
        <translation>Sync to province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="223"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="224"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="225"/>
        <source>Đổi người dùng</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="226"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="227"/>
        <source>Khóa máy</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="343"/>
        <source>Đã đổi mật khẩu.</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="98"/>
        <source>Tiếp nhận hồ sơ mới</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="99"/>
        <source>Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới?</source>
        <translation>Discard the dossier being typed and start a new one?</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="379"/>
        <source>Đã lưu cài đặt.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="399"/>
        <source>Đã điền thông tin người nộp từ thẻ căn cước: {name}.</source>
        <translation>Applicant filled in from the ID card: {name}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="407"/>
        <source>Đã đọc thẻ căn cước của {name}. Mở màn hình tiếp nhận (F2) rồi quét lại để điền vào hồ sơ mới.</source>
        <translation>Read the ID card of {name}. Open intake (F2) and scan again to fill a new dossier.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/main_window.py" line="419"/>
        <source>Không đọc được mã vừa quét: {message}</source>
        <translation>The scanned code was not accepted: {message}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="114"/>
        <source>Đã tiếp nhận hồ sơ {code}.</source>
        <translation>Dossier {code} received.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="119"/>
        <source>Đã ghi từ chối hồ sơ {code}.</source>
        <translation>Refusal of {code} recorded.</translation>
    </message>
    <message>
        <source>Chưa in được phiếu hướng dẫn bổ sung cho hồ sơ chưa tiếp nhận.</source>
        <translation type="vanished">The supplement guidance for a dossier not yet received cannot be printed yet.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/intake_host.py" line="133"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation>Supplement request</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../../desk/ui/navigation.py" line="30"/>
        <source>Tài khoản {role} không được phép {what}; việc này cần tài khoản {least}.</source>
        <translation>A {role} account may not do this ({what}); it needs a {least} account.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="132"/>
        <source>Xem trước khi in — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="155"/>
        <source>Lưu PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="156"/>
        <source>In (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="158"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="178"/>
        <source>Không hiển thị được biểu mẫu.</source>
        <translation>The form cannot be shown.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="186"/>
        <source>khổ cuộn</source>
        <translation>roll</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="188"/>
        <source>{pages} trang · {paper}</source>
        <translation>{pages} pages · {paper}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="207"/>
        <source>Máy này chưa cài máy in nào: có thể in ra tệp PDF trong hộp thoại in, hoặc dùng «Lưu PDF…».</source>
        <translation>No printer is installed on this computer: print to a PDF file in the print dialog, or use «Save PDF…».</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="212"/>
        <source>In {title}</source>
        <translation>Print {title}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="224"/>
        <source>Đang gửi tới máy in…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="233"/>
        <source>Đã gửi {pages} trang tới {printer}.</source>
        <translation>Sent {pages} pages to {printer}.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="238"/>
        <source>Không in được: {error}</source>
        <translation>Printing failed: {error}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="246"/>
        <source>Lưu biểu mẫu thành PDF</source>
        <translation>Save the form as PDF</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="246"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="259"/>
        <source>Không lưu được tệp: {error}</source>
        <translation>File not saved: {error}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/print_preview.py" line="263"/>
        <source>Đã lưu {path}</source>
        <translation>Saved {path}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="170"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="170"/>
        <source>Xác nhận</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="177"/>
        <source>Cần ghi rõ nội dung trước khi xác nhận.</source>
        <translation>Write the details before confirming.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/dossier_dialogs.py" line="180"/>
        <source>Cần ghi lý do vì sao đây là lỗi của cơ quan.</source>
        <translation>Write why this is the office&apos;s fault.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desk/ui/settings.py" line="78"/>
        <source>Cài đặt máy này</source>
        <translation>Settings of this desk</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="218"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="219"/>
        <source>Không tự khóa</source>
        <translation>Never lock</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="204"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="216"/>
        <source>Tự khóa máy sau</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="227"/>
        <source>Tên quầy</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="240"/>
        <source>Nơi sao lưu thứ hai (USB, thư mục mạng)</source>
        <translation>Second backup place (USB stick, network folder)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="92"/>
        <source>Ngôn ngữ mới áp dụng cho các màn hình mở sau; mở lại chương trình để đổi toàn bộ.</source>
        <translation>The new language applies to screens opened from now on; restart the desk to change everything.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="103"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="104"/>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desk/config.py" line="225"/>
        <source>Tên quầy không được để trống.</source>
        <translation>The desk name cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/settings.py" line="126"/>
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
    <name>SyncPanel</name>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="146"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="148"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="161"/>
        <source>Kết quả lần đồng bộ</source>
        <translation>Sync results</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="168"/>
        <source>Cần xem xét</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="181"/>
        <source>Đã xem xét</source>
        <translation>Dealt with</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="183"/>
        <source>Gửi lại</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="186"/>
        <source>Hồ sơ bị từ chối: gửi lại nguyên trạng. Hồ sơ xung đột: gửi bản của quầy với phiên bản mới (ghi vào lịch sử hồ sơ).</source>
        <translation>Rejected dossier: sent again as it is. Conflicting dossier: the desk&apos;s version is sent with a new revision (recorded in the dossier&apos;s history).</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="226"/>
        <source>Chờ gửi: {n} hồ sơ</source>
        <translation>Waiting to send: {n} dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="228"/>
        <source>Chưa đồng bộ lần nào.</source>
        <translation>Never synced.</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="233"/>
        <source>Lần đồng bộ gần nhất: {when} — {outcome}</source>
        <translation>Last sync: {when} — {outcome}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="270"/>
        <source>● Chưa cấu hình máy chủ tỉnh</source>
        <translation>● Province server not configured</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="272"/>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="274"/>
        <source>● Mất kết nối tới tỉnh</source>
        <translation>● No connection to the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="305"/>
        <source>Đang bắt đầu…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../desk/ui/sync_panel.py" line="313"/>
        <location filename="../../desk/ui/sync_panel.py" line="323"/>
        <source>Đang hủy… (dừng sau bước đang làm)</source>
        <translation>Cancelling… (stops after the current step)</translation>
    </message>
</context>
<context>
    <name>TodayPanel</name>
    <message>
        <location filename="../../desk/ui/today.py" line="24"/>
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="27"/>
        <source>Đã trả kết quả hôm nay</source>
        <translation>Handed back today</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="28"/>
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="31"/>
        <source>Sắp đến hạn (đến hết ngày làm việc kế tiếp)</source>
        <translation>Due soon (by the end of the next working day)</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="36"/>
        <source>Chờ đồng bộ lên tỉnh</source>
        <translation>Waiting to sync to the province</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="65"/>
        <source>Bấm để xem danh sách</source>
        <translation>Click to see the list</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="105"/>
        <source>{agency} · {province} · Mã định danh {agency_id}</source>
        <translation>{agency} · {province} · Agency ID {agency_id}</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="127"/>
        <source>F2 tiếp nhận hồ sơ mới · F3 danh sách hồ sơ · F4 trả kết quả · quét mã vạch giấy hẹn để mở hồ sơ · Ctrl+L khóa máy</source>
        <translation>F2 new intake · F3 dossiers · F4 hand back · scan a slip&apos;s barcode to open its dossier · Ctrl+L lock</translation>
    </message>
    <message>
        <location filename="../../desk/ui/today.py" line="173"/>
        <source>Không đọc được số liệu.</source>
        <translation>Could not read the figures.</translation>
    </message>
</context>
</TS>
