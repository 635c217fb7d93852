<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>农村留守儿童信息台账（离线版）</source>
        <translation>Rural left-behind children registry (offline)</translation>
    </message>
    <message>
        <source>版本：%1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <source>构建日期：%1</source>
        <translation>Build date: %1</translation>
    </message>
    <message>
        <source>源代码版本：%1</source>
        <translation>Source revision: %1</translation>
    </message>
    <message>
        <source>开发版本</source>
        <translation>development build</translation>
    </message>
    <message>
        <source>数据保存位置：%1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <source>本程序以 GPL-3.0-or-later 许可证发布。</source>
        <translation>This program is released under the GPL-3.0-or-later licence.</translation>
    </message>
    <message>
        <source>找不到许可证清单（resources/licenses.txt）。</source>
        <translation>The licence list (resources/licenses.txt) is missing.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>随附组件及其许可证：</source>
        <translation>Bundled components and their licences:</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>已核实无误</source>
        <translation>Checked, correct as is</translation>
    </message>
    <message>
        <source>例如：已入户核实，住址与户口簿一致</source>
        <translation>e.g. checked at a home visit: the address matches the household register</translation>
    </message>
    <message>
        <source>街道意见：%1</source>
        <translation>The street&apos;s comment: %1</translation>
    </message>
    <message>
        <source>档案无需修改时，请说明核实的情况；说明随下次季度数据包报送街道。</source>
        <translation>When the record needs no change, say what was checked; the note goes to the street with the next quarterly package.</translation>
    </message>
    <message>
        <source>确认答复</source>
        <translation>Confirm the answer</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>演示数据库的密码是：</source>
        <translation>The demo store&apos;s passphrase is: </translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>正在生成演示数据……</source>
        <translation>Generating demo data…</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>每一次新增、修改、查看、打印、导出、导入和备份都记录在这里，并以哈希链相连：任何删改都能被“校验审计链”发现。</source>
        <translation>Every addition, change, view, print, export, import and backup is recorded here and hash-chained: any edit or removal is found by “Verify the audit chain”.</translation>
    </message>
    <message>
        <source>儿童姓名、身份证号或拼音首字母</source>
        <translation>Child&apos;s name, ID number or pinyin initials</translation>
    </message>
    <message>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>信息员</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>加载更早的事件</source>
        <translation>Load older events</translation>
    </message>
    <message>
        <source>校验审计链</source>
        <translation>Verify the audit chain</translation>
    </message>
    <message>
        <source>全部信息员</source>
        <translation>All officers</translation>
    </message>
    <message>
        <source>正在查询……</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>没有符合条件的事件</source>
        <translation>No matching events</translation>
    </message>
    <message>
        <source>显示最新的 %1 条事件</source>
        <translation>Showing the newest %1 events</translation>
    </message>
    <message>
        <source>共 %1 条事件</source>
        <translation>%1 events</translation>
    </message>
    <message>
        <source>选中一条事件可查看详情；双击带儿童的事件可打开该儿童的档案。</source>
        <translation>Select an event to see its details; double-click an event with a child to open the child&apos;s file.</translation>
    </message>
    <message>
        <source>正在校验……</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <source>正在逐条校验审计事件……</source>
        <translation>Verifying the audit events one by one…</translation>
    </message>
    <message>
        <source>审计链完整：共 %1 条事件，未发现删改。</source>
        <translation>The audit chain is intact: %1 events, nothing altered or removed.</translation>
    </message>
    <message>
        <source>审计链已断开：第 %1 条事件起无法验证（%2）。</source>
        <translation>The audit chain is broken: from event %1 on it cannot be verified (%2).</translation>
    </message>
    <message>
        <source>该事件：%1，%2，%3。</source>
        <translation>That event: %1, %2, %3.</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <source>立即备份到……</source>
        <translation>Back up now to…</translation>
    </message>
    <message>
        <source>从备份恢复……</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>用所选备份恢复……</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backup time</translation>
    </message>
    <message>
        <source>儿童人数</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>本机的自动备份：</source>
        <translation>Automatic backups on this computer:</translation>
    </message>
    <message>
        <source>选择备份位置（例如U盘）</source>
        <translation>Choose where to back up (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>备份完成：%1</source>
        <translation>Backup written: %1</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>备份完成，保存在：
%1</source>
        <translation>Backup written to:
%1</translation>
    </message>
    <message>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>请先在列表中选择一个备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <source>正在校验备份……</source>
        <translation>Verifying the backup…</translation>
    </message>
    <message>
        <source>备份校验通过。</source>
        <translation>The backup passed verification.</translation>
    </message>
    <message>
        <source>备份时间：%1</source>
        <translation>Backup time: %1</translation>
    </message>
    <message>
        <source>单位：%1（%2）</source>
        <translation>Unit: %1 (%2)</translation>
    </message>
    <message>
        <source>在册儿童：%1 名</source>
        <translation>Registered children: %1</translation>
    </message>
    <message>
        <source>恢复后，数据将回到备份时的状态。当前的数据不会删除，会另存为一份安全副本（放在数据库文件夹旁边）。确定要恢复吗？</source>
        <translation>After the restore the data is as it was at the time of the backup. The current data is not deleted: it is kept as a safety copy (next to the store folder). Restore now?</translation>
    </message>
    <message>
        <source>注意：这个备份属于另一个单位！</source>
        <translation>Caution: this backup belongs to another unit!</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已从备份恢复。恢复前的数据另存在：
%1</source>
        <translation>Restored from the backup. The data as it was before is kept at:
%1</translation>
    </message>
    <message>
        <source>正在恢复，请勿关闭程序……</source>
        <translation>Restoring; do not close the app…</translation>
    </message>
    <message>
        <source>程序每天解锁后（空闲一分钟时）和退出时自动备份到本机（保留最近7天和4周各一份）。请定期用“立即备份到……”备份到U盘，并把U盘与电脑分开保管。备份是加密的，没有密码或恢复密钥无法打开。</source>
        <translation>The app backs up to this computer after unlocking (once it has been left alone for a minute) and on exit (the last 7 days and 4 weeks are kept). Back up to a USB stick regularly with “Back up now to…” and keep the stick apart from the computer. Backups are encrypted: they cannot be opened without the passphrase or the recovery key.</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>批量打印儿童档案</source>
        <translation>Print child files in a batch</translation>
    </message>
    <message>
        <source>%1（%2）· %3 名儿童</source>
        <translation>%1 (%2) · %3 children</translation>
    </message>
    <message>
        <source>每名儿童一个PDF文件</source>
        <translation>One PDF file per child</translation>
    </message>
    <message>
        <source>合订为一个PDF（带目录和书签）</source>
        <translation>One combined PDF (with contents and bookmarks)</translation>
    </message>
    <message>
        <source>选择保存PDF的文件夹</source>
        <translation>Choose the folder for the PDF files</translation>
    </message>
    <message>
        <source>村（社区）：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>输出方式：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>保存到文件夹：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <source>开始打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>没有在册的儿童可打印。</source>
        <translation>No registered child to print.</translation>
    </message>
    <message>
        <source>打印该村（社区）全部在册儿童的一人一档。生成的PDF可在阅读器中打印；每次打印都记入审计日志。</source>
        <translation>Prints the file of every registered child of the village. Print the PDFs from your PDF reader; every print is recorded in the audit log.</translation>
    </message>
    <message>
        <source>正在生成%1的儿童档案PDF……</source>
        <translation>Making the child files of %1…</translation>
    </message>
    <message>
        <source>已取消：已生成的 %1 个PDF文件保留在 %2（共 %3 名儿童）。</source>
        <translation>Cancelled: the %1 PDF files already made are kept in %2 (of %3 children).</translation>
    </message>
    <message>
        <source>已为 %1 名儿童生成 %2 个PDF文件，保存在 %3。可在阅读器中打印。</source>
        <translation>Made %2 PDF files for %1 children in %3. Print them from your PDF reader.</translation>
    </message>
</context>
<context>
    <name>BoolEditor</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>修改密码</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>New passphrase again</translation>
    </message>
    <message>
        <source>修改密码不会改变恢复密钥，旧的备份仍需用备份当时的密码或恢复密钥打开。</source>
        <translation>Changing the passphrase does not change the recovery key; older backups still open with the passphrase of their time or the recovery key.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passphrases differ</translation>
    </message>
    <message>
        <source>新密码与当前密码相同</source>
        <translation>The new passphrase is the current one</translation>
    </message>
    <message>
        <source>正在修改……</source>
        <translation>Changing…</translation>
    </message>
    <message>
        <source>正在用新密码重新保护数据密钥……</source>
        <translation>Re-wrapping the data key under the new passphrase…</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>导入前检查（尚未写入）</source>
        <translation>Check before importing (nothing written yet)</translation>
    </message>
    <message>
        <source>开始导入</source>
        <translation>Start import</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>填写的值</source>
        <translation>Value entered</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>保存未导入的行（Excel）…</source>
        <translation>Save the rows not imported (Excel)…</translation>
    </message>
    <message>
        <source>正在检查……</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>
不能导入的行不会写入；可保存为Excel，在“问题”一栏看原因，改正后再导入。</source>
        <translation>
Rows that cannot be imported are not written; save them as Excel, read the reason in the 问题 column, fix them and import again.</translation>
    </message>
    <message>
        <source>
没有需要写入的内容。</source>
        <translation>
There is nothing to write.</translation>
    </message>
    <message>
        <source>原为：%1</source>
        <translation>Was: %1</translation>
    </message>
    <message>
        <source>保存未导入的行</source>
        <translation>Save the rows not imported</translation>
    </message>
    <message>
        <source>无法保存：%1</source>
        <translation>Cannot save: %1</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ChildFilePage</name>
    <message>
        <source>编辑基本信息</source>
        <translation>Edit basic information</translation>
    </message>
    <message>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <source>登记委托监护</source>
        <translation>Record entrustment</translation>
    </message>
    <message>
        <source>添加家庭成员</source>
        <translation>Add family member</translation>
    </message>
    <message>
        <source>标记重点对象</source>
        <translation>Mark priority case</translation>
    </message>
    <message>
        <source>强制报告</source>
        <translation>Mandatory report</translation>
    </message>
    <message>
        <source>评估帮扶</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>结对帮扶</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <source>退出登记</source>
        <translation>Exit register</translation>
    </message>
    <message>
        <source>打印/导出PDF</source>
        <translation>Print / PDF</translation>
    </message>
    <message>
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>家庭成员（父母务工地点与联系方式）</source>
        <translation>Family members (parents&apos; work place and contact)</translation>
    </message>
    <message>
        <source>委托监护</source>
        <translation>Entrustment</translation>
    </message>
    <message>
        <source>家庭与监护</source>
        <translation>Family and guardianship</translation>
    </message>
    <message>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <source>由所选走访发起强制报告</source>
        <translation>Mandatory report from the selected visit</translation>
    </message>
    <message>
        <source>走访发现的情况自动填入强制报告</source>
        <translation>What the visit found is filled into the mandatory report</translation>
    </message>
    <message>
        <source>解除所选重点对象</source>
        <translation>Close the selected priority case</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>变更记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <source>%1岁</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <source>重点对象：</source>
        <translation>Priority case: </translation>
    </message>
    <message numerus="yes">
        <source>未结案强制报告：%n 件</source>
        <translation>
            <numerusform>Open mandatory reports: %n</numerusform>
            <numerusform>Open mandatory reports: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason: </translation>
    </message>
    <message>
        <source>自动：</source>
        <translation>Automatic: </translation>
    </message>
    <message>
        <source>从家庭成员中选择受委托监护人：</source>
        <translation>Choose the entrusted guardian from the family:</translation>
    </message>
    <message>
        <source>此前的受委托监护人：</source>
        <translation>Earlier entrusted guardian: </translation>
    </message>
    <message>
        <source>请先在列表中选择一次走访。</source>
        <translation>Select a visit in the list first.</translation>
    </message>
    <message>
        <source>退出登记（请选择原因）</source>
        <translation>Exit from the register (choose a reason)</translation>
    </message>
    <message>
        <source>解除重点对象</source>
        <translation>Close priority case</translation>
    </message>
    <message>
        <source>请先选择一条未解除的重点对象记录。</source>
        <translation>Select an open priority case first.</translation>
    </message>
    <message>
        <source>解除重点对象（请填写解除原因）</source>
        <translation>Close priority case (enter the reason)</translation>
    </message>
</context>
<context>
    <name>ChildTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>就学情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <source>居住情况</source>
        <translation>Living arrangement</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <source>最近入户走访</source>
        <translation>Last home visit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ChildrenPanel</name>
    <message>
        <source>点击图中的条形，这里列出对应的儿童；双击一名儿童打开其档案。</source>
        <translation>Click a bar in a chart to list the children behind it here; double-click a child to open the file.</translation>
    </message>
    <message>
        <source>打开档案</source>
        <translation>Open file</translation>
    </message>
    <message numerus="yes">
        <source>%1：%n 名儿童</source>
        <translation>
            <numerusform>%1: %n child</numerusform>
            <numerusform>%1: %n children</numerusform>
        </translation>
    </message>
    <message>
        <source>%1：正在查找……</source>
        <translation>%1: looking up…</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>本单位的值</source>
        <translation>Our value</translation>
    </message>
    <message>
        <source>报来的值</source>
        <translation>Incoming value</translation>
    </message>
    <message>
        <source>逐项裁决</source>
        <translation>Decide</translation>
    </message>
    <message>
        <source>保留本单位的值</source>
        <translation>Keep our value</translation>
    </message>
    <message>
        <source>采用报来的值</source>
        <translation>Take the incoming value</translation>
    </message>
    <message>
        <source>确认裁决</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>未选中的值不会丢失，仍保存在冲突记录中，可随时查阅。</source>
        <translation>The value not chosen is not lost: it stays in the conflict record.</translation>
    </message>
    <message>
        <source>冲突审核</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>同一条记录在本单位和报送单位都被修改、且改的是同一项时，形成冲突。请核实后逐项选择保留哪一个值。</source>
        <translation>A conflict arises when this office and the sender both changed the same field of the same record. Check, then choose which value to keep.</translation>
    </message>
    <message>
        <source>待处理 %1 项</source>
        <translation>%1 open</translation>
    </message>
    <message>
        <source>没有待处理的冲突。</source>
        <translation>No open conflicts.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3的“%5”</source>
        <translation>%1 · %2 · %3: “%5”</translation>
    </message>
    <message>
        <source>本单位（%1）修改后的值</source>
        <translation>As changed here (%1)</translation>
    </message>
    <message>
        <source>%1 报来的值（导入于 %2）</source>
        <translation>As sent by %1 (imported %2)</translation>
    </message>
    <message>
        <source>上次报送时的值：%1</source>
        <translation>Value in the previous package: %1</translation>
    </message>
    <message>
        <source>已裁决“%1”：保留“%2”；另一个值“%3”仍保存在冲突记录中。</source>
        <translation>Decided “%1”: kept “%2”; the other value “%3” stays in the conflict record.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>汇总分析</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>导出分析报告…</source>
        <translation>Export analysis report…</translation>
    </message>
    <message>
        <source>统计季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>儿童构成</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>按年龄段（统计截止日期）</source>
        <translation>By age band (on the cut-off date)</translation>
    </message>
    <message>
        <source>按性别</source>
        <translation>By sex</translation>
    </message>
    <message>
        <source>按监护类型</source>
        <translation>By guardianship</translation>
    </message>
    <message>
        <source>重点对象（按原因，一人可有多个原因）</source>
        <translation>Priority cases by reason (a child may have several)</translation>
    </message>
    <message>
        <source>按单位</source>
        <translation>By unit</translation>
    </message>
    <message>
        <source>入户走访</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <source>本月入户走访</source>
        <translation>Home visits this month</translation>
    </message>
    <message>
        <source>本月入户走访覆盖率（按单位；点击列出未走访的儿童）</source>
        <translation>Home-visit coverage this month by unit (click: the children not visited)</translation>
    </message>
    <message>
        <source>强制报告与委托监护</source>
        <translation>Reports and entrustment</translation>
    </message>
    <message>
        <source>未结案强制报告（按已过天数）</source>
        <translation>Open mandatory reports by days open</translation>
    </message>
    <message>
        <source>未结案强制报告（按单位）</source>
        <translation>Open mandatory reports by unit</translation>
    </message>
    <message>
        <source>缺少有效委托监护（按单位）</source>
        <translation>Without a valid entrustment, by unit</translation>
    </message>
    <message>
        <source>季度趋势</source>
        <translation>Trends</translation>
    </message>
    <message>
        <source>在册儿童</source>
        <translation>Registered children</translation>
    </message>
    <message>
        <source>入户走访覆盖率（季度最后一个月）</source>
        <translation>Home-visit coverage (last month of the quarter)</translation>
    </message>
    <message>
        <source>未结案强制报告</source>
        <translation>Open mandatory reports</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>数据包</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>是否逾期</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>数据包报送</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>全部（%1）</source>
        <translation>All (%1)</translation>
    </message>
    <message>
        <source>正在计算%1的汇总数据……</source>
        <translation>Computing the figures of %1…</translation>
    </message>
    <message>
        <source>%1 · 统计截止日期 %2：在册儿童 %3 名 · 本月入户走访 %4（%5/%6） · 未结案强制报告 %7 件 · 缺少有效委托监护 %8 名</source>
        <translation>%1 · cut-off %2: %3 registered children · home visits this month %4 (%5/%6) · %7 open mandatory reports · %8 without a valid entrustment</translation>
    </message>
    <message>
        <source>没有数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>年龄段</source>
        <translation>Age band</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority case</translation>
    </message>
    <message>
        <source>%1 · 本月未入户走访</source>
        <translation>%1 · not visited at home this month</translation>
    </message>
    <message>
        <source>%1 · 未结案强制报告</source>
        <translation>%1 · open mandatory reports</translation>
    </message>
    <message>
        <source>%1 · 缺少有效委托监护</source>
        <translation>%1 · without a valid entrustment</translation>
    </message>
    <message>
        <source>本月已入户走访</source>
        <translation>Visited at home this month</translation>
    </message>
    <message>
        <source>本月未入户走访</source>
        <translation>Not visited at home this month</translation>
    </message>
    <message>
        <source>正在计算各季度趋势……</source>
        <translation>Computing the trend across quarters…</translation>
    </message>
    <message>
        <source>%1 · 在册儿童</source>
        <translation>%1 · children on the register</translation>
    </message>
    <message>
        <source>%1 · 季度最后一个月未入户走访</source>
        <translation>%1 · not visited at home in the quarter&apos;s last month</translation>
    </message>
    <message>
        <source>%1 · 有未结案强制报告</source>
        <translation>%1 · with an open mandatory report</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>late</translation>
    </message>
    <message>
        <source>%1：%2 个单位应报送，未报送 %3 个，逾期 %4 个。</source>
        <translation>%1: %2 units report here; %3 have not sent, %4 are late.</translation>
    </message>
    <message>
        <source>本单位没有需要向本单位报送数据包的下级单位。</source>
        <translation>No unit below this office reports here yet.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>（未填写）例：2015-03-16 14:30</source>
        <translation>(empty) e.g. 2015-03-16 14:30</translation>
    </message>
    <message>
        <source>（未填写）例：20150316</source>
        <translation>(empty) e.g. 20150316</translation>
    </message>
    <message>
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>从日历中选择（Alt+↓）</source>
        <translation>Pick from the calendar (Alt+Down)</translation>
    </message>
</context>
<context>
    <name>DuplicatePanel</name>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>比较并处理</source>
        <translation>Compare and decide</translation>
    </message>
    <message>
        <source>是两名不同的儿童（都保留）</source>
        <translation>Two different children (keep both)</translation>
    </message>
    <message>
        <source>处理说明（必填），例如：儿童已迁至大李家村</source>
        <translation>Note (required), e.g. the child moved to Dalijia village</translation>
    </message>
    <message>
        <source>确认处理</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>保留一条时，其余记录标记为删除（不会真正删除，可在历史中查到）。</source>
        <translation>Keeping one marks the others as deleted (never erased; they stay in the history).</translation>
    </message>
    <message>
        <source>重复登记审核</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>同一身份证号在两个村（社区）都有登记。请与两村核实：儿童搬家的，保留现居住地的那一条。</source>
        <translation>The same ID number is registered in two villages. Check with both: if the child moved, keep the record of the current residence.</translation>
    </message>
    <message>
        <source>待处理 %1 项</source>
        <translation>%1 open</translation>
    </message>
    <message>
        <source>所属单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>保留第%1条</source>
        <translation>Keep record %1</translation>
    </message>
    <message>
        <source>已处理：保留第%1条，其余记录已标记删除。</source>
        <translation>Done: record %1 kept, the others are marked deleted.</translation>
    </message>
    <message>
        <source>已处理：确认是不同的儿童，两条记录都保留。</source>
        <translation>Done: different children; both records kept.</translation>
    </message>
</context>
<context>
    <name>EnrollPanel</name>
    <message>
        <source>本设备</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>本设备指纹（电话核对时逐组读给对方）：</source>
        <translation>This device&apos;s fingerprint (read it out group by group on the phone):</translation>
    </message>
    <message>
        <source>向上级单位登记</source>
        <translation>Enroll with the parent office</translation>
    </message>
    <message>
        <source>保存登记申请</source>
        <translation>Save the enrollment request</translation>
    </message>
    <message>
        <source>登记文件 (*.json)</source>
        <translation>Enrollment files (*.json)</translation>
    </message>
    <message>
        <source>① 导出登记申请</source>
        <translation>① Export enrollment request</translation>
    </message>
    <message>
        <source>选择上级的登记回复</source>
        <translation>Choose the parent office&apos;s response</translation>
    </message>
    <message>
        <source>② 读取登记回复</source>
        <translation>② Read the response</translation>
    </message>
    <message>
        <source>已电话核对指纹，与上级单位读出的一致</source>
        <translation>Fingerprint compared by phone: it matches what the parent office read</translation>
    </message>
    <message>
        <source>③ 接受登记回复</source>
        <translation>③ Accept the response</translation>
    </message>
    <message>
        <source>登记申请保存到：</source>
        <translation>Save request to:</translation>
    </message>
    <message>
        <source>上级的登记回复：</source>
        <translation>Parent&apos;s response:</translation>
    </message>
    <message>
        <source>步骤：① 导出登记申请，用U盘交给上级单位，并电话把本设备指纹读给对方；② 上级批准后，读取对方交回的登记回复；③ 请对方读出其指纹，核对一致后接受。</source>
        <translation>Steps: ① export the request, take it to the parent office on a USB drive and read this device&apos;s fingerprint to them by phone; ② once approved, read the response they give back; ③ have them read their fingerprint, compare, then accept.</translation>
    </message>
    <message>
        <source>批准下级设备登记</source>
        <translation>Approve devices below this office</translation>
    </message>
    <message>
        <source>选择下级的登记申请</source>
        <translation>Choose an enrollment request</translation>
    </message>
    <message>
        <source>读取登记申请</source>
        <translation>Read the request</translation>
    </message>
    <message>
        <source>对方电话中读出的指纹（可选，例如 1419 8380 …）</source>
        <translation>Fingerprint read out on the phone (optional, e.g. 1419 8380 …)</translation>
    </message>
    <message>
        <source>已电话核对指纹</source>
        <translation>Fingerprint compared by phone</translation>
    </message>
    <message>
        <source>保存登记回复</source>
        <translation>Save the enrollment response</translation>
    </message>
    <message>
        <source>批准并保存登记回复</source>
        <translation>Approve and save the response</translation>
    </message>
    <message>
        <source>申请设备的指纹：</source>
        <translation>Fingerprint of the requesting device:</translation>
    </message>
    <message>
        <source>登记回复保存到：</source>
        <translation>Save response to:</translation>
    </message>
    <message>
        <source>读取下级交来的登记申请，电话请对方逐组读出指纹，与下面显示的一致才批准。批准后把登记回复交回对方，并把本设备指纹读给对方核对。</source>
        <translation>Read the request, have the other office read its fingerprint group by group on the phone, and approve only if it matches the one shown. Then give the response back and read this device&apos;s fingerprint to them.</translation>
    </message>
    <message>
        <source>登记申请文件：</source>
        <translation>Request file:</translation>
    </message>
    <message>
        <source>设备登记</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>单位：%1（%2） · 密钥编号：%4</source>
        <translation>Unit: %1 (%2) · key ID: %4</translation>
    </message>
    <message>
        <source>申请单位：%1（%2） · 信息员：%3</source>
        <translation>Applying unit: %1 (%2) · officer: %3</translation>
    </message>
    <message>
        <source>已登记：本设备的数据包发给%1（%2），对方指纹 %3。</source>
        <translation>Enrolled: this device&apos;s packages go to %1 (%2), fingerprint %3.</translation>
    </message>
    <message>
        <source>尚未登记到上级单位：登记完成后才能报送数据包。</source>
        <translation>Not enrolled with the parent office yet: packages can be sent once enrolled.</translation>
    </message>
    <message>
        <source>登记申请-%1.json</source>
        <translation>enrollment-request-%1.json</translation>
    </message>
    <message>
        <source>已输入 %1/24 位</source>
        <translation>%1 of 24 digits</translation>
    </message>
    <message>
        <source>✔ 一致</source>
        <translation>✔ match</translation>
    </message>
    <message>
        <source>✘ 不一致</source>
        <translation>✘ differs</translation>
    </message>
    <message>
        <source>登记申请已保存到 %1。请交给上级单位，并电话读出本设备指纹：%2</source>
        <translation>Request saved to %1. Take it to the parent office and read this device&apos;s fingerprint by phone: %2</translation>
    </message>
    <message>
        <source>上级单位：%1（%2） · 信息员：%3
所辖单位：%4
上级单位的指纹：</source>
        <translation>Parent office: %1 (%2) · officer: %3
Units: %4
Parent office&apos;s fingerprint:</translation>
    </message>
    <message>
        <source>请电话请上级单位读出其指纹，与上面显示的逐组核对。</source>
        <translation>Ask the parent office to read its fingerprint on the phone and compare it group by group.</translation>
    </message>
    <message>
        <source>登记完成：本设备的数据包今后发给%1。</source>
        <translation>Enrolled: this device&apos;s packages now go to %1.</translation>
    </message>
    <message>
        <source>登记回复-%1.json</source>
        <translation>enrollment-response-%1.json</translation>
    </message>
    <message>
        <source>已批准%1的设备。登记回复已保存到 %2，请交回对方，并电话读出本设备指纹：%3</source>
        <translation>Approved %1&apos;s device. Response saved to %2; give it back and read this device&apos;s fingerprint by phone: %3</translation>
    </message>
</context>
<context>
    <name>EscrowResetDialog</name>
    <message>
        <source>为村信息员恢复访问</source>
        <translation>Restore a village officer&apos;s access</translation>
    </message>
    <message>
        <source>1. 在村里的电脑上，把数据库文件夹中的 keyslots.json 复制到U盘（只复制这一个文件）。
2. 在这里选择该文件，设置一个临时密码。
3. 把文件放回村里电脑的数据库文件夹（替换原文件），信息员用临时密码解锁后立即修改密码。
只有村里事先设置了托管给本单位的，才能恢复。</source>
        <translation>1. On the village computer, copy keyslots.json from the store folder to a USB stick (only that file).
2. Choose the file here and set a temporary passphrase.
3. Put the file back into the village computer&apos;s store folder (replacing the old one); the officer unlocks with the temporary passphrase and changes it at once.
This works only if the village set up escrow to this office beforehand.</translation>
    </message>
    <message>
        <source>选择……</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>村里的密钥文件</source>
        <translation>The village&apos;s key file</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary passphrase</translation>
    </message>
    <message>
        <source>再次输入临时密码</source>
        <translation>Temporary passphrase again</translation>
    </message>
    <message>
        <source>设置临时密码</source>
        <translation>Set the temporary passphrase</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择村里的 keyslots.json</source>
        <translation>Choose the village&apos;s keyslots.json</translation>
    </message>
    <message>
        <source>密钥文件 (keyslots.json *.json)</source>
        <translation>Key files (keyslots.json *.json)</translation>
    </message>
    <message>
        <source>请选择村里的 keyslots.json 文件</source>
        <translation>Choose the village&apos;s keyslots.json file</translation>
    </message>
    <message>
        <source>临时密码至少需要%1个字符</source>
        <translation>The temporary passphrase needs at least %1 characters</translation>
    </message>
    <message>
        <source>两次输入的临时密码不一致</source>
        <translation>The two temporary passphrases differ</translation>
    </message>
    <message>
        <source>正在设置临时密码……</source>
        <translation>Setting the temporary passphrase…</translation>
    </message>
    <message>
        <source>已设置临时密码。请把该文件放回村里电脑的数据库文件夹，信息员解锁后立即修改密码。</source>
        <translation>Temporary passphrase set. Put the file back into the village computer&apos;s store folder; the officer changes the passphrase right after unlocking.</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>导出季度数据包</source>
        <translation>Export quarterly package</translation>
    </message>
    <message>
        <source>上报区数据包</source>
        <translation>Package for the district</translation>
    </message>
    <message>
        <source>报送季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>发送给：</source>
        <translation>Send to:</translation>
    </message>
    <message>
        <source>数据包内容：</source>
        <translation>Contents:</translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>数据包包含本单位全部台账记录、全部走访等事件、审计记录和一份可阅读的 Excel 台账；经过签名和加密，只有收件单位能打开。</source>
        <translation>The package holds all of this office&apos;s records, every visit and other event, the audit trail and a readable Excel ledger; it is signed and encrypted so only the recipient can open it.</translation>
    </message>
    <message>
        <source>选择保存文件夹（U盘）</source>
        <translation>Choose a folder (USB drive)</translation>
    </message>
    <message>
        <source>保存到文件夹：</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>文件名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>我已了解：导出后该季度锁定，以后修改需填写更正原因</source>
        <translation>I understand: the quarter is locked after export; later changes need a reason</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>重新开始</source>
        <translation>Start again</translation>
    </message>
    <message>
        <source>检测到U盘：%1</source>
        <translation>USB drive found: %1</translation>
    </message>
    <message>
        <source>未检测到U盘：插入U盘后点“浏览…”选择U盘，或先保存到电脑再拷贝。</source>
        <translation>No USB drive found: insert one and choose it with “Browse…”, or save to this computer and copy later.</translation>
    </message>
    <message>
        <source>尚未登记到上级单位：请先在“设备登记”中完成登记。</source>
        <translation>Not enrolled with the parent office: enroll first under “Enrollment”.</translation>
    </message>
    <message>
        <source>提示：有 %1 条记录的必填项尚待补充（导入台账时表格中没有，见工作台“待补充”清单）。可以照常导出，上级会收到并看到待补充的数量；请在下次走访时补全。</source>
        <translation>Note: %1 records still have required items to complete (the imported table had no column for them; see “To complete” on the workbench). You can export as usual; the receiving office gets them and sees how many are to complete. Complete them at the next home visit.</translation>
    </message>
    <message>
        <source>本季度已导出 %1 次（最近一次 %2，第%3号）</source>
        <translation>Exported %1 time(s) this quarter (last %2, no. %3)</translation>
    </message>
    <message>
        <source>本季度尚未导出</source>
        <translation>Not exported this quarter yet</translation>
    </message>
    <message>
        <source>已锁定至 %1</source>
        <translation>locked through %1</translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation>Where to save</translation>
    </message>
    <message>
        <source>请选择一个存在的文件夹（例如U盘）并填写文件名。</source>
        <translation>Choose an existing folder (e.g. a USB drive) and a file name.</translation>
    </message>
    <message>
        <source>即将导出%1数据包，发给 %2。
内容：%3
保存为：%4</source>
        <translation>About to export the %1 package for %2.
Contents: %3
Saved as: %4</translation>
    </message>
    <message>
        <source>季度锁定：导出后，%1及以前各季度的记录将被锁定。以后再修改这些记录，软件会要求填写“更正原因”，更正内容随下一次数据包报送给上级，上级可以看到修改前后的内容。同一季度可以再次导出（例如更正后），上级按序号自动识别新旧。</source>
        <translation>Quarter lock: after the export, records of %1 and earlier quarters are locked. Changing them later requires an amendment reason; the amendment goes up with the next package and the office above sees the values before and after. A quarter may be exported again (after corrections, say); the office above tells old from new by the sequence number.</translation>
    </message>
    <message>
        <source>正在导出%1数据包……</source>
        <translation>Exporting the %1 package…</translation>
    </message>
    <message>
        <source>已导出%1数据包（第%2号），发给 %3。</source>
        <translation>Exported the %1 package (no. %2) for %3.</translation>
    </message>
    <message>
        <source>%1及以前的记录已锁定：今后修改需填写更正原因。</source>
        <translation>Records of %1 and earlier are locked: changing them now needs an amendment reason.</translation>
    </message>
    <message>
        <source>选择季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>确认导出</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>第 %1 步（共 4 步）：%2</source>
        <translation>Step %1 of 4: %2</translation>
    </message>
    <message>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>%1 已存在，要覆盖吗？</source>
        <translation>%1 exists. Overwrite it?</translation>
    </message>
    <message>
        <source>导出数据包</source>
        <translation>Export package</translation>
    </message>
    <message>
        <source>文件：%1（%2 KB）</source>
        <translation>File: %1 (%2 KB)</translation>
    </message>
    <message>
        <source>记录：%1</source>
        <translation>Records: %1</translation>
    </message>
    <message>
        <source>请把文件交给上级单位（U盘拷贝后请安全弹出）。</source>
        <translation>Give the file to the parent office (eject the USB drive safely after copying).</translation>
    </message>
    <message>
        <source>导出未完成</source>
        <translation>Export not completed</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>选择表格文件</source>
        <translation>Choose the spreadsheet</translation>
    </message>
    <message>
        <source>可导入 Excel（.xlsx、.xls）、WPS、LibreOffice（.ods）或 CSV 文件。表头可以有标题行、合并单元格（如“父亲”下分“姓名、身份证号、务工地点”）。</source>
        <translation>Excel (.xlsx, .xls), WPS, LibreOffice (.ods) or CSV files can be imported. The header may have title rows and merged cells (e.g. 父亲 over 姓名, 身份证号, 务工地点).</translation>
    </message>
    <message>
        <source>选择要导入的台账</source>
        <translation>Choose the ledger to import</translation>
    </message>
    <message>
        <source>保存空白模板…</source>
        <translation>Save a blank template…</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <source>所属村（社区）：</source>
        <translation>Village (community):</translation>
    </message>
    <message>
        <source>还没有电子台账？可以先保存一份国家登记表格式的空白模板（带下拉选项），填好后再导入。</source>
        <translation>No electronic ledger yet? Save a blank template in the national form&apos;s layout (with drop-down lists), fill it in, then import it.</translation>
    </message>
    <message>
        <source>导入村（社区）名单…</source>
        <translation>Import the village (community) list…</translation>
    </message>
    <message>
        <source>街道：先导入本街道的村（社区）名单（两列：名称、区划代码），台账中的“村（社区）”一列即可填村名。</source>
        <translation>Street offices: first import the list of your villages (two columns: 名称 and 区划代码); the ledger&apos;s 村（社区） column may then hold the village&apos;s name.</translation>
    </message>
    <message>
        <source>按表格中的“村（社区）”列</source>
        <translation>From the sheet&apos;s 村（社区） column</translation>
    </message>
    <message>
        <source>选择村（社区）名单</source>
        <translation>Choose the village list</translation>
    </message>
    <message>
        <source>村（社区）名单有误，未导入任何内容：
%1</source>
        <translation>The village list has errors; nothing was imported:
%1</translation>
    </message>
    <message>
        <source>已导入%1个村（社区）。</source>
        <translation>Imported %1 villages (communities).</translation>
    </message>
    <message>
        <source>自动（第一个有表头的工作表）</source>
        <translation>Automatic (the first sheet with a header)</translation>
    </message>
    <message>
        <source>保存空白模板</source>
        <translation>Save a blank template</translation>
    </message>
    <message>
        <source>无法保存：%1</source>
        <translation>Cannot save: %1</translation>
    </message>
    <message>
        <source>空白模板已保存：%1</source>
        <translation>Blank template saved: %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次使用设置 · 农村留守儿童信息台账</source>
        <translation>First-run set-up · Left-behind children registry</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <source>该季度已上报，修改须说明原因</source>
        <translation>This quarter has been reported; a change needs a reason</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已恢复上次未保存的内容（草稿）。</source>
        <translation>Unsaved input from last time restored (draft).</translation>
    </message>
    <message numerus="yes">
        <source>有%n项需要修改，请查看标红的字段。</source>
        <translation>
            <numerusform>%n field needs correcting; see the fields marked red.</numerusform>
            <numerusform>%n fields need correcting; see the fields marked red.</numerusform>
        </translation>
    </message>
    <message>
        <source>（不使用，手工填写）</source>
        <translation>(none, type it in)</translation>
    </message>
    <message>
        <source>从已有记录填入：</source>
        <translation>Fill in from an existing record:</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Amendment reason</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>填写的内容还没有保存，确定要放弃吗？</source>
        <translation>What you entered is not saved. Discard it?</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>（%1走访发现）</source>
        <translation>(found at the visit on %1)</translation>
    </message>
    <message>
        <source>走访情况：</source>
        <translation>Visit: </translation>
    </message>
    <message>
        <source>后续措施：</source>
        <translation>Next steps: </translation>
    </message>
    <message>
        <source>监护人不在场</source>
        <translation>guardian not present</translation>
    </message>
    <message>
        <source>安全有隐患</source>
        <translation>safety concerns</translation>
    </message>
    <message>
        <source>身体欠佳</source>
        <translation>in poor health</translation>
    </message>
    <message>
        <source>学习异常</source>
        <translation>schooling problems</translation>
    </message>
    <message>
        <source>请核对</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>该儿童未满16周岁且单独居住，属于强制报告情形。</source>
        <translation>This child is under 16 and lives alone: a case for a mandatory report.</translation>
    </message>
    <message>
        <source>父母一方外出另一方无监护能力，或父母均无法履行监护：属于重点对象，应按“边排查、边发现、边报告”向公安机关报告。</source>
        <translation>One parent is away and the other cannot care for the child, or neither parent can: a priority case to report to the police as it is found.</translation>
    </message>
    <message>
        <source>已自动标记重点对象：</source>
        <translation>Marked as priority case automatically: </translation>
    </message>
    <message>
        <source>是否立即记录向公安机关的强制报告？</source>
        <translation>Record the mandatory report to the police now?</translation>
    </message>
    <message>
        <source>强制报告</source>
        <translation>Mandatory report</translation>
    </message>
    <message>
        <source>立即记录</source>
        <translation>Record now</translation>
    </message>
    <message>
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <source>评估帮扶</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>强制报告已记录。接到公安机关通报的受理及应急处置情况后，应对儿童的安全处境、监护情况、身心健康状况进行调查评估，并安排帮扶服务。是否现在记录评估帮扶？</source>
        <translation>The mandatory report is recorded. Once the police report how they handled it, assess the child&apos;s safety, guardianship and health and arrange services. Record the assessment now?</translation>
    </message>
    <message>
        <source>记录评估</source>
        <translation>Record assessment</translation>
    </message>
    <message>
        <source>稍后（列入工作台）</source>
        <translation>Later (kept on the workbench)</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <source>选择数据包</source>
        <translation>Choose a package</translation>
    </message>
    <message>
        <source>数据包 (*.lbpkg)</source>
        <translation>Packages (*.lbpkg)</translation>
    </message>
    <message>
        <source>仅检查（不导入）</source>
        <translation>Check only (no import)</translation>
    </message>
    <message>
        <source>从恢复包恢复</source>
        <translation>Restore from package</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>另存回执…</source>
        <translation>Save receipt as…</translation>
    </message>
    <message>
        <source>给发送单位的回执</source>
        <translation>Receipt for the sender</translation>
    </message>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>待补充</source>
        <translation>To complete</translation>
    </message>
    <message>
        <source>需要注意的记录（更新、冲突、重复、拒绝）</source>
        <translation>Records to look at (updated, conflict, duplicate, rejected)</translation>
    </message>
    <message>
        <source>全部记录</source>
        <translation>All records</translation>
    </message>
    <message>
        <source>逐条报告</source>
        <translation>Per-record report</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>数据包文件：</source>
        <translation>Package file:</translation>
    </message>
    <message>
        <source>电脑更换或重装后：先在“设备登记”中重新登记，再请街道生成本村的恢复数据包，在这里导入。导入前会核验签名、解密并校验全部记录；有任何问题都不会修改数据。</source>
        <translation>After replacing or reinstalling the computer: enroll again under “Enrollment”, ask the street office for this village&apos;s restore package and import it here. The signature is verified and every record checked first; if anything is wrong nothing is changed.</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Import package</translation>
    </message>
    <message>
        <source>选择街道发来的文件（.lbpkg）：回执（街道收到本村数据包后写出的接收情况）或退回修改文件。导入前核验街道的签名与收件单位并解密；导入不会修改任何档案。回执列入工作台“季度数据包”一栏，退回的条目列入工作台“待修改（街道退回）”。</source>
        <translation>Choose a file the street sent (.lbpkg): a receipt (what the street did with this village&apos;s package) or a returns file. The street&apos;s signature and recipient are verified and it is decrypted first; importing changes no record. Receipts show in the workbench&apos;s “Quarterly package” box, returned items in its “To correct (returned by the street)” list.</translation>
    </message>
    <message>
        <source>选择下级交来的数据包（.lbpkg）。导入前依次核验签名、序号、收件单位，解密并校验全部记录，全部通过后一次性合并；有任何问题都不会修改数据。导入后自动在数据包旁边写出给下级的回执。</source>
        <translation>Choose a package (.lbpkg) from a unit below. The signature, sequence and recipient are verified, the records decrypted and checked, and only then merged in one step; if anything is wrong nothing is changed. After the import a receipt for the sender is written beside the package.</translation>
    </message>
    <message>
        <source>检查数据包</source>
        <translation>Check package</translation>
    </message>
    <message>
        <source>正在核验并导入 %1 ……</source>
        <translation>Verifying and importing %1…</translation>
    </message>
    <message>
        <source>正在检查 %1 ……</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>已写到：%1</source>
        <translation>Written to: %1</translation>
    </message>
    <message>
        <source>请把回执交给发送单位（可放在同一U盘中带回），由对方在“导入数据包”中导入。</source>
        <translation>Give the receipt to the sender (it can go back on the same USB stick); they import it under “Import package”.</translation>
    </message>
    <message>
        <source>无法在数据包旁边写出回执（%1）。请点“另存回执…”保存到别处。</source>
        <translation>The receipt cannot be written beside the package (%1). Use “Save receipt as…” to save it elsewhere.</translation>
    </message>
    <message>
        <source>回执内容：%1</source>
        <translation>Receipt: %1</translation>
    </message>
    <message>
        <source>另存回执</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <source>……另有 %1 条</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <source>请修改这些记录后重新导出本季度数据包。工作台“季度数据包”一栏也列出了它们。</source>
        <translation>Correct these records, then export this quarter&apos;s package again. The workbench&apos;s “Quarterly package” box lists them too.</translation>
    </message>
    <message>
        <source>数据包有效：来自%1（%2），%3，第%4号；签名、加密与全部 %5 条记录均通过校验。尚未导入。</source>
        <translation>The package is valid: from %1 (%2), %3, no. %4; signature, encryption and all %5 records check out. Not imported yet.</translation>
    </message>
    <message>
        <source>其中 %1 条记录有待补充的必填项（导入台账时表格中没有），导入后列入工作台“待补充”清单。</source>
        <translation> %1 of them have required items to complete (the imported table had no column for them); once imported they are listed under “To complete” on the workbench.</translation>
    </message>
    <message>
        <source>有 %1 处冲突，请在“冲突审核”中逐项选择。</source>
        <translation>%1 conflict(s): decide each under “Conflicts”.</translation>
    </message>
    <message>
        <source>有 %1 名儿童疑似重复登记，请在“重复登记审核”中处理。</source>
        <translation>%1 child(ren) possibly registered twice: see “Duplicates”.</translation>
    </message>
    <message>
        <source>有 %1 条变化待逐条审核（新增、变更、退出的儿童和新增或变更的重点对象、强制报告），请在“逐条审核”中通过或退回。</source>
        <translation>%1 changes to review item by item (new, changed and exited children, new or changed priority cases and mandatory reports): pass or return them in Record review.</translation>
    </message>
    <message>
        <source>本次导入没有带来需要逐条审核的变化（没有新增、变更或退出的记录）。</source>
        <translation>This import brought nothing to review item by item (no new, changed or exited records).</translation>
    </message>
    <message>
        <source>有 %1 条记录的必填项待补充（导入台账时表格中没有），已列入工作台“待补充”清单，请在下次走访时补全。</source>
        <translation>%1 records have required items to complete (the imported table had no column for them); they are listed under “To complete” on the workbench. Complete them at the next home visit.</translation>
    </message>
    <message>
        <source>本次没有修改任何数据。</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>数据包已拒绝：%1</source>
        <translation>Package refused: %1</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>密码与密钥</source>
        <translation>Passphrase and keys</translation>
    </message>
    <message>
        <source>修改密码……</source>
        <translation>Change passphrase…</translation>
    </message>
    <message>
        <source>更换数据密钥……</source>
        <translation>Replace the data key…</translation>
    </message>
    <message>
        <source>街道信息员提供的公钥（age1 开头）</source>
        <translation>Public key from the street office (starts with age1)</translation>
    </message>
    <message>
        <source>使用上级单位的交换密钥</source>
        <translation>Use the parent office&apos;s exchange key</translation>
    </message>
    <message>
        <source>设置托管</source>
        <translation>Set escrow</translation>
    </message>
    <message>
        <source>下级信息员同时忘记密码和恢复密钥时，可用本单位的设备密钥为其设置临时密码。</source>
        <translation>When a village officer has forgotten both passphrase and recovery key, this office&apos;s device key can set a temporary passphrase.</translation>
    </message>
    <message>
        <source>为村信息员恢复访问……</source>
        <translation>Restore a village officer&apos;s access…</translation>
    </message>
    <message>
        <source>使用%1的交换密钥</source>
        <translation>Use %1&apos;s exchange key</translation>
    </message>
    <message>
        <source>状态：已托管</source>
        <translation>Status: escrowed</translation>
    </message>
    <message>
        <source>给%1</source>
        <translation> to %1</translation>
    </message>
    <message>
        <source>（公钥 %1）</source>
        <translation> (public key %1)</translation>
    </message>
    <message>
        <source>状态：未设置托管</source>
        <translation>Status: no escrow</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>密码已修改。下次解锁请使用新密码。</source>
        <translation>Passphrase changed. Use the new passphrase from the next unlock on.</translation>
    </message>
    <message>
        <source>托管</source>
        <translation>Escrow</translation>
    </message>
    <message>
        <source>已设置托管。</source>
        <translation>Escrow set.</translation>
    </message>
    <message>
        <source>正在设置托管……</source>
        <translation>Setting escrow…</translation>
    </message>
    <message>
        <source>把数据密钥加密交给上级（街道）保管。信息员同时忘记密码和恢复密钥时，街道可以帮助重设密码。街道看不到您的数据，只能在您把密钥文件交给街道时帮助恢复。</source>
        <translation>The data key, encrypted, is kept for the parent (street) office. If the officer forgets both the passphrase and the recovery key, the street office can help set a new passphrase. The street office cannot see your data; it can only help when you hand it the key file.</translation>
    </message>
    <message>
        <source>密码：每天解锁时使用，可随时修改。恢复密钥：忘记密码时使用（初始化时已打印或保存）。两者保护的是同一把数据密钥。</source>
        <translation>Passphrase: used to unlock every day; change it any time. Recovery key: used if you forget the passphrase (printed or saved at set-up). Both protect the same data key.</translation>
    </message>
    <message>
        <source>密码和恢复密钥</source>
        <translation>Passphrase and recovery key</translation>
    </message>
    <message>
        <source>托管（街道协助恢复）</source>
        <translation>Escrow (the street office helps recover)</translation>
    </message>
    <message>
        <source>为下级恢复访问</source>
        <translation>Restore access for a lower office</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>完整台账（季度汇总表、信息台账、花名册）</source>
        <translation>Full ledger (quarterly summary, ledger, roster)</translation>
    </message>
    <message>
        <source>抄报社会事业局（就学、辍学、寄宿、结对帮扶）</source>
        <translation>Copy for the social affairs (education) bureau (schooling, dropout, boarding, pairing)</translation>
    </message>
    <message>
        <source>抄报公安机关（无户籍花名册、重点对象名单、强制报告）</source>
        <translation>Copy for the police (children without hukou, priority cases, mandatory reports)</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>导出信息台账（Excel）</source>
        <translation>Export the ledger (Excel)</translation>
    </message>
    <message>
        <source>选择保存台账的文件夹</source>
        <translation>Choose the folder for the ledger</translation>
    </message>
    <message>
        <source>统计季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>导出哪些表：</source>
        <translation>Tables:</translation>
    </message>
    <message>
        <source>保存到文件夹：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>按季度最后一天统计（年龄按统计截止日期计算）。每份表一个Excel文件；同名文件已存在时另起新名，不会覆盖。导出的文件含有儿童个人信息，请妥善保管。</source>
        <translation>Counted as of the quarter&apos;s last day (ages on that day). One Excel file per table; an existing file of the same name is never overwritten, a new name is used. The files hold children&apos;s personal data: keep them safe.</translation>
    </message>
    <message>
        <source>导出信息台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <source>正在生成%1的信息台账……</source>
        <translation>Making the ledger of %1…</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>已完成的 %1 个文件保留在 %2：
%3</source>
        <translation> The %1 files already finished are kept in %2:
%3</translation>
    </message>
    <message>
        <source>没有生成任何文件。</source>
        <translation> No file was written.</translation>
    </message>
    <message>
        <source>已导出 %1 个Excel文件到 %2：
%3</source>
        <translation>Exported %1 Excel files to %2:
%3</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <source>18位，末位可为X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <source>手机号或区号-电话</source>
        <translation>Mobile, or area code-number</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>演示数据：本窗口中的儿童、家庭和走访记录全部是程序生成的虚构数据，不是真实人员。</source>
        <translation>DEMO DATA: every child, family and visit in this window is made up by the program; none is a real person.</translation>
    </message>
    <message>
        <source>【演示数据】</source>
        <translation>[DEMO] </translation>
    </message>
    <message>
        <source>农村留守儿童信息台账</source>
        <translation>Left-behind children registry</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>儿童档案</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>一人一档</source>
        <translation>Child files</translation>
    </message>
    <message>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>汇总分析</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>还没有打开任何儿童档案。请在“儿童档案”或“工作台”中双击一名儿童。</source>
        <translation>No child file is open. Double-click a child in Children or Workbench.</translation>
    </message>
    <message>
        <source>已锁定。请输入密码解锁。</source>
        <translation>Locked. Enter the passphrase to unlock.</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>查找儿童</source>
        <translation>Find a child</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>导入已有台账（Excel/WPS/CSV）…</source>
        <translation>Import an existing ledger (Excel/WPS/CSV)…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>导出与打印</source>
        <translation>Export and print</translation>
    </message>
    <message>
        <source>导出信息台账（Excel）…</source>
        <translation>Export the ledger (Excel)…</translation>
    </message>
    <message>
        <source>批量打印儿童档案…</source>
        <translation>Print child files in a batch…</translation>
    </message>
    <message>
        <source>单位：%1（%2） · 信息员：%3 · 角色：%4</source>
        <translation>Unit: %1 (%2) · Officer: %3 · Role: %4</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority case</translation>
    </message>
    <message>
        <source>按现行规则补充标记了 %1 名儿童的重点对象（如父母一方外出另一方服刑、失联，适龄儿童不在学等），请在工作台查看。</source>
        <translation>Under the current rules %1 children were flagged as priority cases (e.g. one parent away and the other in prison or out of contact, a child of school age not in school); see the workbench.</translation>
    </message>
    <message>
        <source>后台任务进行中，完成后才能锁定</source>
        <translation>A background task is running; locking when it is done</translation>
    </message>
    <message>
        <source>档案已删除</source>
        <translation>File removed</translation>
    </message>
    <message>
        <source>这名儿童的档案已在本村删除，不能打开修改。请核实街道的意见：删除无误的，在工作台选中该条，点“已核实无误…”并写明理由；误删的，请重新登记该儿童，随下一个季度数据包报送。</source>
        <translation>This child&apos;s file was removed in this village and cannot be opened for editing. Check the street&apos;s comment: if the removal is right, select the item on the workbench, click “Checked, correct as is…” and give the reason; if it was removed by mistake, register the child again, to be sent with the next quarterly package.</translation>
    </message>
    <message>
        <source>正在等待后台任务结束，然后退出……</source>
        <translation>Waiting for the background task to finish, then quitting…</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>数据安全</source>
        <translation>Data security</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>正在自动备份……</source>
        <translation>Automatic backup…</translation>
    </message>
    <message>
        <source>今天的自动备份已完成</source>
        <translation>Today&apos;s automatic backup is done</translation>
    </message>
    <message>
        <source>正在从备份恢复……</source>
        <translation>Restoring from a backup…</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>核对各列对应的项目</source>
        <translation>Check what each column holds</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>程序自动识别</source>
        <translation>found automatically</translation>
    </message>
    <message>
        <source>上次导入同样格式的表格时保存的对应关系</source>
        <translation>the mapping saved when a file of the same layout was last imported</translation>
    </message>
    <message>
        <source>对应关系文件</source>
        <translation>a mapping file</translation>
    </message>
    <message>
        <source>工作表“%1”，表头在第%2–%3行。下面的对应关系来自%4；如有不对，请在“导入为”一栏改正，导入时会保存，下次自动沿用。</source>
        <translation>Sheet “%1”, header in rows %2–%3. The mapping below is %4; correct anything wrong in the “Import as” column. It is saved with the import and offered again next time.</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>同一项目对应了多列：%1。请把其中一列改为“（不导入）”。</source>
        <translation>Several columns are mapped to the same item: %1. Set one of them to “(not imported)”.</translation>
    </message>
    <message>
        <source>必须有一列对应儿童“姓名”。</source>
        <translation>One column must hold the child&apos;s name.</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>数据包</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>待处理冲突</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>设备登记</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>回执</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>另存回执…</source>
        <translation>Save receipt as…</translation>
    </message>
    <message>
        <source>把所选单位最近一个数据包的回执写到U盘等处，交给该单位导入</source>
        <translation>Write the receipt of the selected unit&apos;s newest package to a USB stick or elsewhere, for that unit to import</translation>
    </message>
    <message>
        <source>；回执尚未确认 %1</source>
        <translation>; receipts not yet acknowledged %1</translation>
    </message>
    <message>
        <source>下级已审核 %1/%2</source>
        <translation>Below reviewed %1/%2</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>另存回执</source>
        <translation>Save receipt</translation>
    </message>
    <message>
        <source>数据包 (*.lbpkg)</source>
        <translation>Packages (*.lbpkg)</translation>
    </message>
    <message>
        <source>%1 的回执已写到：%2。请交给该单位在“导入数据包”中导入。</source>
        <translation>The receipt for %1 was written to: %2. Give it to that unit to import under “Import package”.</translation>
    </message>
    <message>
        <source>%1 的 %2 数据：无变化，审核通过。</source>
        <translation>%1, %2: no changes, reviewed.</translation>
    </message>
    <message>
        <source>季度总览</source>
        <translation>Quarter overview</translation>
    </message>
    <message>
        <source>季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>报送截止：%1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>enrolled</translation>
    </message>
    <message>
        <source>审核…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <source>逐条审核所选单位本季度的变化</source>
        <translation>Review the selected unit&apos;s changes of the quarter item by item</translation>
    </message>
    <message>
        <source>无变化，审核通过</source>
        <translation>No changes: reviewed</translation>
    </message>
    <message>
        <source>所选单位的数据包没有需要审核的变化时，确认一次即为已审核</source>
        <translation>When the selected unit&apos;s package has no changes to review, confirm once and the quarter is reviewed</translation>
    </message>
    <message>
        <source>截止日期 = 季度末 + 报送期限天数。导入数据包后，逐条审核新增、变更、退出的儿童和新增的重点对象、强制报告（双击一行或点“审核…”）；全部通过即为已审核。</source>
        <translation>Deadline = end of quarter + the reporting days. After importing a package, review the new, changed and exited children and the new priority cases and mandatory reports item by item (double-click a row or press “Review…”); when every item has passed, the quarter is reviewed.</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <source>共 %1 个单位：已报送 %2，逾期 %3，已审核 %4</source>
        <translation>%1 units: %2 sent, %3 late, %4 reviewed</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>设置密码</source>
        <translation>Choose a passphrase</translation>
    </message>
    <message>
        <source>第三步：所有数据都加密保存，打开程序时需要输入这个密码。请设置不容易被猜到的密码。</source>
        <translation>Step 3: all data is stored encrypted; you enter this passphrase whenever you open the app. Choose one that is hard to guess.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>建议使用一句话或多个词组合，至少%1个字符，可以包含汉字。</source>
        <translation>Use a sentence or several words, at least %1 characters; Chinese characters are fine.</translation>
    </message>
    <message>
        <source>创建数据库</source>
        <translation>Create store</translation>
    </message>
    <message>
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
</context>
<context>
    <name>RecordReviewPanel</name>
    <message>
        <source>全部条目</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>待审核</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>已通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>变化内容</source>
        <translation>What changed</translation>
    </message>
    <message>
        <source>原值与新值</source>
        <translation>Before and after</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>原值</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>新值</source>
        <translation>After</translation>
    </message>
    <message>
        <source>审核意见（退回时必填：说明需要修改什么）</source>
        <translation>Comment (required to return: say what must be corrected)</translation>
    </message>
    <message>
        <source>意见(&amp;R)：</source>
        <translation>Comme&amp;nt:</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>通过所选条目（Ctrl+Enter）</source>
        <translation>Pass the selected item (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>退回（需填写意见）</source>
        <translation>Return (comment required)</translation>
    </message>
    <message>
        <source>退回所选条目，请报送单位修改（Ctrl+Shift+Enter）</source>
        <translation>Return the selected item to the sending unit for correction (Ctrl+Shift+Enter)</translation>
    </message>
    <message>
        <source>报送单位已答复退回意见（原意见：%1），请再审核。</source>
        <translation>The sending unit answered the return (comment: %1); review it again.</translation>
    </message>
    <message>
        <source>全部通过…</source>
        <translation>Pass all…</translation>
    </message>
    <message>
        <source>撤销通过</source>
        <translation>Undo pass</translation>
    </message>
    <message>
        <source>所选条目是误点通过的：撤销通过，重新待审核</source>
        <translation>The selected item was passed by mistake: undo the pass, to review it again</translation>
    </message>
    <message>
        <source>通过本单位本季度其余全部待审核条目</source>
        <translation>Pass every remaining item of this unit&apos;s quarter</translation>
    </message>
    <message>
        <source>生成退回修改文件…</source>
        <translation>Make the returns file…</translation>
    </message>
    <message>
        <source>把退回该单位修改的条目写成签名、加密的文件，交给该单位导入</source>
        <translation>Write the items returned to this unit for correction as a signed, encrypted file for the unit to import</translation>
    </message>
    <message>
        <source>无变化，审核通过</source>
        <translation>No changes: reviewed</translation>
    </message>
    <message>
        <source>逐条审核</source>
        <translation>Record review</translation>
    </message>
    <message>
        <source>季度：</source>
        <translation>Quarter:</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>导入数据包后，新增、变更、退出的儿童和新增或变更的重点对象、强制报告、委托监护各为一条，右侧对照原值和新值。逐条点“通过”，或填写意见后“退回”请报送单位修改；全部通过后，该单位本季度即为已审核。</source>
        <translation>After a package is imported, every new, changed or exited child and every new or changed priority case, mandatory report or guardian entrustment is one item, with the values before and after on the right. Pass each one, or write a comment and return it to the sending unit for correction; when every item has passed, the unit&apos;s quarter is reviewed.</translation>
    </message>
    <message>
        <source>%1（待审核 %2）</source>
        <translation>%1 (%2 to review)</translation>
    </message>
    <message>
        <source>%1（已退回 %2）</source>
        <translation>%1 (%2 returned)</translation>
    </message>
    <message>
        <source>%1（已审核）</source>
        <translation>%1 (reviewed)</translation>
    </message>
    <message>
        <source>本季度还没有收到下级单位的数据包。</source>
        <translation>No package from a unit below has arrived for this quarter.</translation>
    </message>
    <message>
        <source>待审核 %1 · 已通过 %2 · 已退回 %3</source>
        <translation>To review %1 · passed %2 · returned %3</translation>
    </message>
    <message>
        <source> — 本季度已审核</source>
        <translation> — quarter reviewed</translation>
    </message>
    <message>
        <source>该单位本季度的数据包没有需要审核的变化：确认一次即为已审核。</source>
        <translation>This unit&apos;s package of the quarter has no changes to review: confirm once and the quarter is reviewed.</translation>
    </message>
    <message>
        <source>%1变更</source>
        <translation>%1 changed</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>没有审核条目。</source>
        <translation>No review items.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1：%2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>；意见：%1</source>
        <translation>; comment: %1</translation>
    </message>
    <message>
        <source>答复：%1</source>
        <translation> Answer: %1</translation>
    </message>
    <message>
        <source>退回时请填写意见，说明需要修改什么。</source>
        <translation>To return an item, write a comment saying what must be corrected.</translation>
    </message>
    <message>
        <source>已通过：%1 %2</source>
        <translation>Passed: %1 %2</translation>
    </message>
    <message>
        <source>已退回：%1 %2（意见：%3）</source>
        <translation>Returned: %1 %2 (comment: %3)</translation>
    </message>
    <message>
        <source>已撤销通过：%1 %2，重新待审核。</source>
        <translation>Pass undone: %1 %2, pending again.</translation>
    </message>
    <message>
        <source>全部通过</source>
        <translation>Pass all</translation>
    </message>
    <message>
        <source>将 %1 %2 其余 %3 条待审核条目全部通过。确定吗？</source>
        <translation>Pass the remaining %3 items of %1, %2?</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已通过 %1 条。</source>
        <translation>Passed %1 items.</translation>
    </message>
    <message>
        <source>%1 %2：无变化，审核通过。</source>
        <translation>%1, %2: no changes, reviewed.</translation>
    </message>
    <message>
        <source>保存退回修改文件</source>
        <translation>Save the returns file</translation>
    </message>
    <message>
        <source>数据包 (*.lbpkg)</source>
        <translation>Packages (*.lbpkg)</translation>
    </message>
    <message>
        <source>%1-%2-退回修改.lbpkg</source>
        <translation>%1-%2-returns.lbpkg</translation>
    </message>
    <message>
        <source>已生成%1 %2的退回修改文件：%3（退回 %4 项）。请交给该单位在“数据交换 → 导入数据包”中导入；该单位答复后，下次数据包导入时这些条目回到待审核。</source>
        <translation>Made the returns file of %1 for %2: %3 (%4 items returned). Give it to the unit to import under “Data exchange → Import package”; once it answers, the items come back for review when its next package is imported.</translation>
    </message>
    <message>
        <source>退回修改文件未生成</source>
        <translation>The returns file was not made</translation>
    </message>
    <message>
        <source>生成退回修改文件</source>
        <translation>Make the returns file</translation>
    </message>
    <message>
        <source>正在生成退回修改文件……</source>
        <translation>Making the returns file…</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <source>更正</source>
        <translation>Amendment</translation>
    </message>
    <message>
        <source>更正：%1</source>
        <translation>Amended: %1</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyView</name>
    <message>
        <source>打印……</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>保存到文件……</source>
        <translation>Save to a file…</translation>
    </message>
    <message>
        <source>农村留守儿童信息台账 · 恢复密钥</source>
        <translation>Left-behind children registry · recovery key</translation>
    </message>
    <message>
        <source>单位：</source>
        <translation>Unit: </translation>
    </message>
    <message>
        <source>请妥善保管，不要与电脑放在一起。忘记密码时用它重设密码。</source>
        <translation>Keep it safe and apart from the computer. If you forget the passphrase, it resets it.</translation>
    </message>
    <message>
        <source>已发送到打印机。</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>保存恢复密钥</source>
        <translation>Save the recovery key</translation>
    </message>
    <message>
        <source>恢复密钥.txt</source>
        <translation>recovery-key.txt</translation>
    </message>
    <message>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>已保存到：</source>
        <translation>Saved to: </translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>第四步：忘记密码时，只能用恢复密钥找回数据。请立即打印或保存到U盘，并妥善保管。它只显示这一次。</source>
        <translation>Step 4: if the passphrase is forgotten, only this recovery key gets the data back. Print it or save it to a USB stick now and keep it safe. It is shown only once.</translation>
    </message>
    <message>
        <source>我已打印或保存恢复密钥，并会妥善保管</source>
        <translation>I have printed or saved the recovery key and will keep it safe</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>搜索：姓名、身份证号开头或拼音首字母（如 zxm）</source>
        <translation>Search: name, start of ID number, or pinyin initials (e.g. zxm)</translation>
    </message>
    <message>
        <source>在册</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>已退出</source>
        <translation>Exited</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>任一重点原因</source>
        <translation>Any priority reason</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <source>就学</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>登记新儿童</source>
        <translation>Register a child</translation>
    </message>
    <message>
        <source>打印/导出PDF（所选）</source>
        <translation>Print / PDF (selected)</translation>
    </message>
    <message>
        <source>儿童档案</source>
        <translation>Children</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 名儿童</source>
        <translation>
            <numerusform>%n child</numerusform>
            <numerusform>%n children</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RekeyDialog</name>
    <message>
        <source>更换数据密钥</source>
        <translation>Replace the data key</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>请输入“%1”确认</source>
        <translation>Type “%1” to confirm</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>数据密钥已更换。这是新的恢复密钥，只显示这一次；旧的恢复密钥已经作废。请立即打印或保存到U盘，并妥善保管。</source>
        <translation>The data key was replaced. This is the new recovery key, shown only this once; the old recovery key no longer works. Print it or save it to a USB stick now and keep it safe.</translation>
    </message>
    <message>
        <source>我已打印或保存新的恢复密钥，并会妥善保管</source>
        <translation>I have printed or saved the new recovery key and will keep it safe</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>正在用新的数据密钥重新加密整个数据库，请勿关闭电脑……</source>
        <translation>Re-encrypting the whole store with the new data key; do not switch off the computer…</translation>
    </message>
    <message>
        <source>只有在怀疑密码、恢复密钥或数据库副本已经泄露时，才需要更换数据密钥。</source>
        <translation>Replace the data key only if you suspect that the passphrase, the recovery key or a copy of the store has leaked.</translation>
    </message>
    <message>
        <source>更换后：
• 整个数据库用新的密钥重新加密（数据较多时需要几分钟）；
• 密码不变；
• 旧的恢复密钥立即作废，程序会显示新的恢复密钥，请打印或保存；
• 旧的备份仍只能用旧密码或旧恢复密钥打开。如怀疑泄露，请销毁旧备份并立即重新备份。</source>
        <translation>Afterwards:
• the whole store is re-encrypted with a new key (a few minutes with much data);
• the passphrase stays;
• the old recovery key stops working at once; the app shows a new one to print or save;
• older backups still open only with the old passphrase or old recovery key. If you suspect a leak, destroy them and back up again now.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>导出分析报告（PDF）</source>
        <translation>Export analysis report (PDF)</translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>选择保存分析报告的文件夹</source>
        <translation>Choose the folder for the analysis report</translation>
    </message>
    <message>
        <source>分析报告含本页的图表和数据表（基本情况、重点对象、入户走访、强制报告、季度趋势、各单位汇总、数据包报送），供季度会议使用。报告中只有汇总数字，没有儿童姓名；同名文件已存在时另起新名。每次导出都记入审计日志。</source>
        <translation>The analysis report holds this page&apos;s charts and tables (children, priority cases, home visits, mandatory reports, trends, units, packages) for the quarterly meeting. It holds only totals, no children&apos;s names; an existing file of the same name is never overwritten. Every export is written in the audit log.</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Contents:</translation>
    </message>
    <message>
        <source>保存到文件夹：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>导出分析报告</source>
        <translation>Export analysis report</translation>
    </message>
    <message>
        <source>正在生成%1的分析报告……</source>
        <translation>Writing the analysis report of %1…</translation>
    </message>
    <message>
        <source>已导出分析报告：%1</source>
        <translation>Analysis report exported: %1</translation>
    </message>
</context>
<context>
    <name>RestorePanel</name>
    <message>
        <source>保存恢复数据包</source>
        <translation>Save the restore package</translation>
    </message>
    <message>
        <source>数据包 (*.lbpkg)</source>
        <translation>Packages (*.lbpkg)</translation>
    </message>
    <message>
        <source>生成恢复数据包</source>
        <translation>Create restore package</translation>
    </message>
    <message>
        <source>村（社区）：</source>
        <translation>Village:</translation>
    </message>
    <message>
        <source>数据截至季度：</source>
        <translation>Data through quarter:</translation>
    </message>
    <message>
        <source>保存为：</source>
        <translation>Save as:</translation>
    </message>
    <message>
        <source>为村生成恢复数据包</source>
        <translation>Restore package for a village</translation>
    </message>
    <message>
        <source>村里的电脑更换或重装后：新电脑先完成初始化并重新登记（列表中只显示已登记设备的村），再在这里生成恢复数据包，交给村里在“从恢复包恢复”中导入。数据包只能由该村新登记的设备打开。</source>
        <translation>When a village computer was replaced or reinstalled: the new one is set up and enrolled first (only villages with an enrolled device are listed); then create the restore package here for the village to import under “Restore from package”. Only the village&apos;s newly enrolled device can open it.</translation>
    </message>
    <message>
        <source>恢复-%1.lbpkg</source>
        <translation>restore-%1.lbpkg</translation>
    </message>
    <message>
        <source>恢复数据包</source>
        <translation>Restore package</translation>
    </message>
    <message>
        <source>正在生成恢复数据包……</source>
        <translation>Creating the restore package…</translation>
    </message>
    <message>
        <source>已生成%1的恢复数据包：%2（记录：%3）。请交给村里导入。</source>
        <translation>Created the restore package for %1: %2 (records: %3). Give it to the village to import.</translation>
    </message>
    <message>
        <source>恢复数据包未生成</source>
        <translation>Restore package not created</translation>
    </message>
</context>
<context>
    <name>RestoreSecretDialog</name>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>备份时间：%1；单位代码：%2。请输入做这个备份时使用的密码，或者恢复密钥。</source>
        <translation>Backup time: %1; unit code: %2. Enter the passphrase in use when the backup was made, or the recovery key.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>校验备份</source>
        <translation>Verify the backup</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
    <message>
        <source>每条导入的记录都在审计日志中注明来自哪个文件的哪一行。标为“待补充”的项目列在工作台上，请在下次入户走访时补齐。</source>
        <translation>The audit log notes for every imported record the file and row it came from. Items marked “to complete” are listed on the workbench; complete them at the next home visit.</translation>
    </message>
    <message>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>村（社区）信息员</source>
        <translation>Village (community) officer</translation>
    </message>
    <message>
        <source>街道信息员 / 民政助理</source>
        <translation>Street office officer</translation>
    </message>
    <message>
        <source>区民政局</source>
        <translation>District civil-affairs bureau</translation>
    </message>
    <message>
        <source>欢迎使用农村留守儿童信息台账</source>
        <translation>Welcome to the left-behind children registry</translation>
    </message>
    <message>
        <source>第一步：请选择本机的使用单位级别。</source>
        <translation>Step 1: choose the level of the office using this computer.</translation>
    </message>
    <message>
        <source>村（社区）信息员登记儿童、记录走访并每季度上报；街道和区导入、审核并汇总下级上报的数据。</source>
        <translation>Village officers register children, record visits and report each quarter; street offices and the district import, review and merge the packages from below.</translation>
    </message>
</context>
<context>
    <name>SecurityPage</name>
    <message>
        <source>数据安全</source>
        <translation>Data security</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>较大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <source>工作规则</source>
        <translation>Work rules</translation>
    </message>
    <message>
        <source>无操作自动锁定</source>
        <translation>Lock after idle</translation>
    </message>
    <message>
        <source>重点对象走访间隔</source>
        <translation>Priority case visit interval</translation>
    </message>
    <message>
        <source>季度数据包截止（季度结束后）</source>
        <translation>Quarterly package deadline (after quarter end)</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>语言（重新启动后生效）</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <source>字体大小</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>存放位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>设置已保存。</source>
        <translation>Settings saved. </translation>
    </message>
    <message>
        <source>界面语言将在重新启动程序后生效。</source>
        <translation>The language changes after a restart.</translation>
    </message>
    <message>
        <source>修改密码、更换数据密钥、托管和备份与恢复：请到左侧“数据安全”。</source>
        <translation>Passphrase, data key, escrow, backup and restore: see “Data security” on the left.</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>太短（至少%1个字符）</source>
        <translation>too short (at least %1 characters)</translation>
    </message>
    <message>
        <source>太弱，不能使用</source>
        <translation>too weak to use</translation>
    </message>
    <message>
        <source>弱</source>
        <translation>weak</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>fair</translation>
    </message>
    <message>
        <source>较强</source>
        <translation>good</translation>
    </message>
    <message>
        <source>强</source>
        <translation>strong</translation>
    </message>
    <message>
        <source>密码强度：</source>
        <translation>Strength: </translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>数据已锁定，请先解锁。</source>
        <translation>The data is locked; unlock first.</translation>
    </message>
</context>
<context>
    <name>SyncScreens</name>
    <message>
        <source>设备登记</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>导出季度数据包</source>
        <translation>Export quarterly package</translation>
    </message>
    <message>
        <source>从恢复包恢复</source>
        <translation>Restore from package</translation>
    </message>
    <message>
        <source>信任列表</source>
        <translation>Trust list</translation>
    </message>
    <message>
        <source>季度总览</source>
        <translation>Quarter overview</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Import package</translation>
    </message>
    <message>
        <source>逐条审核</source>
        <translation>Record review</translation>
    </message>
    <message>
        <source>冲突审核</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>重复登记审核</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <source>上报区</source>
        <translation>Report to district</translation>
    </message>
    <message>
        <source>恢复数据包</source>
        <translation>Restore package</translation>
    </message>
</context>
<context>
    <name>TableImportWizard</name>
    <message>
        <source>导入已有台账</source>
        <translation>Import an existing ledger</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>正在检查表格……</source>
        <translation>Checking the spreadsheet…</translation>
    </message>
    <message>
        <source>正在导入……</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>TrustPanel</name>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>密钥编号</source>
        <translation>Key id</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>吊销原因（必填），例如：笔记本电脑丢失</source>
        <translation>Reason (required), e.g. laptop lost</translation>
    </message>
    <message>
        <source>吊销所选设备…</source>
        <translation>Revoke the selected device…</translation>
    </message>
    <message>
        <source>保存信任列表更新</source>
        <translation>Save the trust-list update</translation>
    </message>
    <message>
        <source>登记文件 (*.json)</source>
        <translation>Enrollment files (*.json)</translation>
    </message>
    <message>
        <source>生成信任列表更新</source>
        <translation>Write trust-list update</translation>
    </message>
    <message>
        <source>选择信任列表更新或更换密钥文件</source>
        <translation>Choose a trust-list update or key-rotation file</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>保存更换密钥文件</source>
        <translation>Save the key rotation file</translation>
    </message>
    <message>
        <source>更换本机密钥…</source>
        <translation>Replace this device&apos;s key…</translation>
    </message>
    <message>
        <source>吊销与更新</source>
        <translation>Revoke and update</translation>
    </message>
    <message>
        <source>吊销设备：</source>
        <translation>Revoke:</translation>
    </message>
    <message>
        <source>信任列表更新：</source>
        <translation>Trust-list update:</translation>
    </message>
    <message>
        <source>导入更新文件：</source>
        <translation>Import an update:</translation>
    </message>
    <message>
        <source>更换本机密钥：</source>
        <translation>Replace this device&apos;s key:</translation>
    </message>
    <message>
        <source>信任列表</source>
        <translation>Trust list</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>本单位信任的设备密钥：只接收这些设备签名的数据包。设备丢失时立即吊销，此后该设备的数据包一律拒收；再生成信任列表更新交给上级单位导入。上级或下级更换密钥后，把对方给的文件在这里导入。</source>
        <translation>The device keys this office trusts: only packages signed by them are accepted. Revoke a lost device at once (its packages are refused from then on) and give a trust-list update to the parent office. When another office rotates its keys, import the file it gives you here.</translation>
    </message>
    <message>
        <source>下级</source>
        <translation>below</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>parent</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>active</translation>
    </message>
    <message>
        <source>已吊销</source>
        <translation>revoked</translation>
    </message>
    <message>
        <source>已更换</source>
        <translation>rotated</translation>
    </message>
    <message>
        <source>信任列表更新-%1.json</source>
        <translation>trust-update-%1.json</translation>
    </message>
    <message>
        <source>更换密钥-%1.json</source>
        <translation>key-rotation-%1.json</translation>
    </message>
    <message>
        <source>吊销设备</source>
        <translation>Revoke device</translation>
    </message>
    <message>
        <source>确定吊销 %1 的设备（密钥 %2）吗？
吊销后该设备的数据包一律拒收，且不能撤销；该单位需要用新设备重新登记。</source>
        <translation>Revoke %1&apos;s device (key %2)?
Its packages will be refused from now on; this cannot be undone and the unit has to enroll a new device.</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已吊销 %1 的设备密钥 %2。请生成信任列表更新并交给上级单位。</source>
        <translation>Revoked %1&apos;s device key %2. Write a trust-list update and give it to the parent office.</translation>
    </message>
    <message>
        <source>请先选择更换密钥文件的保存位置。</source>
        <translation>Choose where to save the key rotation file first.</translation>
    </message>
    <message>
        <source>更换本机密钥</source>
        <translation>Replace this device&apos;s key</translation>
    </message>
    <message>
        <source>确定更换本设备的交换密钥吗？
更换后，上级和下级单位必须导入更换密钥文件，才能继续接收本设备的数据包。文件将保存到：%1</source>
        <translation>Replace this device&apos;s exchange key?
Afterwards the parent office and the offices below must import the key rotation file to keep accepting this device&apos;s packages. The file is saved to: %1</translation>
    </message>
    <message>
        <source>更换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>本设备已更换密钥（新指纹 %1）。更换密钥文件已保存到 %2，请交给上级和下级单位在“信任列表”页导入。</source>
        <translation>This device&apos;s key was replaced (new fingerprint %1). The key rotation file is saved to %2: give it to the parent office and the offices below to import on their Trust list page.</translation>
    </message>
    <message>
        <source>信任列表更新已保存到 %1。</source>
        <translation>Trust-list update saved to %1.</translation>
    </message>
    <message>
        <source>已导入：%1</source>
        <translation>Imported: %1</translation>
    </message>
    <message>
        <source>没有变化</source>
        <translation>no changes</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>单位与信息员</source>
        <translation>Unit and officer</translation>
    </message>
    <message>
        <source>第二步：填写本单位的12位统计用区划代码、单位名称和信息员姓名。</source>
        <translation>Step 2: enter the unit&apos;s 12-digit division code, its name and the officer&apos;s name.</translation>
    </message>
    <message>
        <source>例如：大李家村</source>
        <translation>e.g. 大李家村</translation>
    </message>
    <message>
        <source>区划代码（12位）</source>
        <translation>Division code (12 digits)</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>信息员姓名</source>
        <translation>Officer&apos;s name</translation>
    </message>
    <message>
        <source>示例：区 210213000000，街道 210213024000，村 210213024200（大李家街道大李家村）。</source>
        <translation>Examples: district 210213000000, street 210213024000, village 210213024200 (大李家村, 大李家街道).</translation>
    </message>
    <message>
        <source>区划代码必须是12位数字</source>
        <translation>The division code must be 12 digits</translation>
    </message>
    <message>
        <source>该代码不是大连金普新区的区、街道或村（社区）统计用区划代码（国家统计局2023年版）</source>
        <translation>This is not a district, street or village statistical division code of 大连金普新区 (NBS 2023 edition)</translation>
    </message>
    <message>
        <source>区划代码的级别与所选单位级别不一致（村级代码后三位不为000，街道级代码后三位为000）</source>
        <translation>The code&apos;s level does not match the chosen level (a village code does not end in 000; a street code ends in 000)</translation>
    </message>
    <message>
        <source>请填写单位名称和信息员姓名</source>
        <translation>Enter the unit name and the officer&apos;s name</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>解锁 · 农村留守儿童信息台账</source>
        <translation>Unlock · Left-behind children registry</translation>
    </message>
    <message>
        <source>数据已加密保存。请输入密码解锁。</source>
        <translation>The data is encrypted. Enter the passphrase to unlock.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>忘记密码？使用恢复密钥</source>
        <translation>Forgot the passphrase? Use the recovery key</translation>
    </message>
    <message>
        <source>请输入初始化时打印或保存的恢复密钥，并设置新密码。</source>
        <translation>Enter the recovery key printed or saved at set-up, and choose a new passphrase.</translation>
    </message>
    <message>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>Repeat new passphrase</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>重设密码并解锁</source>
        <translation>Reset passphrase and unlock</translation>
    </message>
    <message>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>农村留守儿童信息台账</source>
        <translation>Left-behind children registry</translation>
    </message>
    <message>
        <source>正在解锁，完成后退出……</source>
        <translation>Unlocking; quitting when it is done…</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter the passphrase</translation>
    </message>
    <message>
        <source>正在解锁……</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <source>请输入恢复密钥</source>
        <translation>Enter the recovery key</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passphrases differ</translation>
    </message>
    <message>
        <source>正在验证恢复密钥……</source>
        <translation>Checking the recovery key…</translation>
    </message>
    <message>
        <source>现在可以再试一次。</source>
        <translation>You can try again now.</translation>
    </message>
    <message>
        <source>密码错误次数过多，请在 %1 秒后再试。</source>
        <translation>Too many wrong attempts; try again in %1 s.</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <source>打开档案</source>
        <translation>Open file</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>本月待走访 / 逾期</source>
        <translation>Visits due / overdue</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>应走访日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>最近入户走访</source>
        <translation>Last home visit</translation>
    </message>
    <message>
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>标记日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>专人负责</source>
        <translation>Designated person</translation>
    </message>
    <message>
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <source>未结案的强制报告</source>
        <translation>Open mandatory reports</translation>
    </message>
    <message>
        <source>报告情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>跟进状态</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>更新跟进</source>
        <translation>Update follow-up</translation>
    </message>
    <message>
        <source>缺少有效委托监护</source>
        <translation>No valid entrustment</translation>
    </message>
    <message>
        <source>登记委托监护</source>
        <translation>Record entrustment</translation>
    </message>
    <message>
        <source>建议退出登记</source>
        <translation>Proposed exits</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>办理退出</source>
        <translation>Exit register</translation>
    </message>
    <message>
        <source>待补充（导入的台账中没有的项目，下次入户走访时补齐）</source>
        <translation>To complete (items the imported ledger lacked; complete at the next home visit)</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>待补充项目</source>
        <translation>Items to complete</translation>
    </message>
    <message>
        <source>待入户核实（电话/学校了解到居住情况变化）</source>
        <translation>Verify at home (a phone or school contact reported a change)</translation>
    </message>
    <message>
        <source>了解日期</source>
        <translation>Reported on</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>By</translation>
    </message>
    <message>
        <source>了解到</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>档案记载</source>
        <translation>On record</translation>
    </message>
    <message>
        <source>记录入户走访</source>
        <translation>Record home visit</translation>
    </message>
    <message>
        <source>失学辍学 · 劝返复学跟进</source>
        <translation>Out of school · return-to-school follow-up</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>就学情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <source>劝返进度</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>登记劝返进度</source>
        <translation>Record follow-up</translation>
    </message>
    <message>
        <source>强制报告后待评估帮扶</source>
        <translation>Reports awaiting an assessment</translation>
    </message>
    <message>
        <source>记录评估帮扶</source>
        <translation>Record assessment</translation>
    </message>
    <message>
        <source>考虑申请撤销监护人资格（法发〔2014〕24号）</source>
        <translation>Consider applying to revoke guardianship (法发〔2014〕24号)</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>满6个月日期</source>
        <translation>6 months on</translation>
    </message>
    <message>
        <source>待修改（街道退回）</source>
        <translation>To correct (returned by the street)</translation>
    </message>
    <message>
        <source>退回内容</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>街道意见</source>
        <translation>Street&apos;s comment</translation>
    </message>
    <message>
        <source>退回日期</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>已核实无误…</source>
        <translation>Checked, correct as is…</translation>
    </message>
    <message>
        <source>季度数据包</source>
        <translation>Quarterly package</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>已核实无误</source>
        <translation>Checked, correct as is</translation>
    </message>
    <message>
        <source>该条目已答复，将随下次季度数据包报送街道。</source>
        <translation>This item is answered; the answer goes to the street with the next quarterly package.</translation>
    </message>
    <message>
        <source>待修改</source>
        <translation>To correct</translation>
    </message>
    <message>
        <source>已修改，随下次数据包报送</source>
        <translation>Corrected; goes with the next package</translation>
    </message>
    <message>
        <source>已核实无误，随下次数据包报送</source>
        <translation>Checked, correct as is; goes with the next package</translation>
    </message>
    <message>
        <source>（本机无此记录）</source>
        <translation>(record not held here)</translation>
    </message>
    <message>
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>在册儿童 %1 名 · 待走访 %2 名（其中逾期 %3 名） · 截至 %4</source>
        <translation>%1 registered · %2 visits due (%3 overdue) · as of %4</translation>
    </message>
    <message>
        <source>逾期%1天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <source>本月待走访</source>
        <translation>due this month</translation>
    </message>
    <message>
        <source>尚未入户走访</source>
        <translation>No home visit yet</translation>
    </message>
    <message>
        <source>本月已走访</source>
        <translation>visited this month</translation>
    </message>
    <message>
        <source>儿童基本信息</source>
        <translation>Child registration</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Family member</translation>
    </message>
    <message>
        <source>委托监护</source>
        <translation>Guardian entrustment</translation>
    </message>
    <message>
        <source>%1岁</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <source>尚未标记</source>
        <translation>Not flagged yet</translation>
    </message>
    <message>
        <source>首次上报：%1数据包，截止 %2</source>
        <translation>First report: the %1 package, due %2</translation>
    </message>
    <message>
        <source>状态：尚未导出；本季度结束后上报（还没有到期的季度）</source>
        <translation>Status: not exported yet; report after this quarter ends (no quarter is due yet)</translation>
    </message>
    <message>
        <source>应上报：%1数据包，截止 %2</source>
        <translation>Due: the %1 package, by %2</translation>
    </message>
    <message>
        <source>状态：已导出上报（已锁定至 %1）</source>
        <translation>Status: exported (locked through %1)</translation>
    </message>
    <message>
        <source>状态：已逾期，尚未导出</source>
        <translation>Status: overdue, not exported</translation>
    </message>
    <message>
        <source>状态：尚未导出，还剩 %1 天</source>
        <translation>Status: not exported yet, %1 days left</translation>
    </message>
    <message>
        <source>最近一次导出：%1</source>
        <translation>Last export: %1</translation>
    </message>
    <message>
        <source>数据包的导出与导入在“数据交换”页进行。</source>
        <translation>Packages are exported and imported on the Data exchange page.</translation>
    </message>
    <message>
        <source>回执（%1）：</source>
        <translation>Receipt (%1): </translation>
    </message>
    <message>
        <source>未收到回执</source>
        <translation>no receipt received</translation>
    </message>
    <message>
        <source>……共 %1 条，请修正后重新导出</source>
        <translation>… %1 in all; correct them and export again</translation>
    </message>
    <message>
        <source>（最近导出的第%1号数据包尚未收到回执）</source>
        <translation>(no receipt yet for the newest package exported, no. %1)</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>第 %1 条</source>
        <translation>Event %1</translation>
    </message>
    <message>
        <source>改动：</source>
        <translation>Changed: </translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason: </translation>
    </message>
    <message>
        <source>方式：</source>
        <translation>Via: </translation>
    </message>
    <message>
        <source>新增记录</source>
        <translation>Added a record</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Changed a record</translation>
    </message>
    <message>
        <source>更正（已上报季度）</source>
        <translation>Amendment (reported quarter)</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Deleted a record</translation>
    </message>
    <message>
        <source>生成演示数据</source>
        <translation>Generated demo data</translation>
    </message>
    <message>
        <source>导入记录</source>
        <translation>Imported a record</translation>
    </message>
    <message>
        <source>合并记录</source>
        <translation>Merged a record</translation>
    </message>
    <message>
        <source>查看档案</source>
        <translation>Viewed a child file</translation>
    </message>
    <message>
        <source>打印/导出档案</source>
        <translation>Printed/exported a child file</translation>
    </message>
    <message>
        <source>创建数据库</source>
        <translation>Created the store</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>更换数据密钥</source>
        <translation>Replace the data key</translation>
    </message>
    <message>
        <source>设置托管</source>
        <translation>Set escrow</translation>
    </message>
    <message>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>修改设置</source>
        <translation>Changed a setting</translation>
    </message>
    <message>
        <source>登记单位</source>
        <translation>Registered a unit</translation>
    </message>
    <message>
        <source>导出数据包</source>
        <translation>Exported a package</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Imported a package</translation>
    </message>
    <message>
        <source>审核下级数据</source>
        <translation>Reviewed a unit&apos;s data</translation>
    </message>
    <message>
        <source>审核通过</source>
        <translation>Review: passed</translation>
    </message>
    <message>
        <source>审核退回</source>
        <translation>Review: returned</translation>
    </message>
    <message>
        <source>确认无变化</source>
        <translation>Confirmed: no changes</translation>
    </message>
    <message>
        <source>撤销审核通过</source>
        <translation>Review pass undone</translation>
    </message>
    <message>
        <source>退回已答复</source>
        <translation>Returned items answered</translation>
    </message>
    <message>
        <source>答复街道退回</source>
        <translation>Answer to a return</translation>
    </message>
    <message>
        <source>生成回执</source>
        <translation>Made a receipt</translation>
    </message>
    <message>
        <source>写出回执</source>
        <translation>Wrote a receipt to a file</translation>
    </message>
    <message>
        <source>导入回执</source>
        <translation>Imported a receipt</translation>
    </message>
    <message>
        <source>下级确认收到回执</source>
        <translation>Receipt acknowledged by the unit below</translation>
    </message>
    <message>
        <source>发现疑似重复</source>
        <translation>Found a possible duplicate</translation>
    </message>
    <message>
        <source>处理疑似重复</source>
        <translation>Resolved a suspected duplicate</translation>
    </message>
    <message>
        <source>处理冲突</source>
        <translation>Resolved a conflict</translation>
    </message>
    <message>
        <source>批准设备登记</source>
        <translation>Approved a device enrollment</translation>
    </message>
    <message>
        <source>接受设备登记</source>
        <translation>Accepted the device enrollment</translation>
    </message>
    <message>
        <source>更换本机密钥</source>
        <translation>Replaced this device&apos;s key</translation>
    </message>
    <message>
        <source>更新交换密钥名单</source>
        <translation>Updated the exchange key list</translation>
    </message>
    <message>
        <source>登记交换密钥</source>
        <translation>Registered an exchange key</translation>
    </message>
    <message>
        <source>更改交换密钥状态</source>
        <translation>Changed an exchange key&apos;s status</translation>
    </message>
    <message>
        <source>导出台账</source>
        <translation>Exported the ledger</translation>
    </message>
    <message>
        <source>导出分析报告</source>
        <translation>Exported the analysis report</translation>
    </message>
    <message>
        <source>导入单位</source>
        <translation>Imported units</translation>
    </message>
    <message>
        <source>从表格导入</source>
        <translation>Imported from a table</translation>
    </message>
    <message>
        <source>其他操作</source>
        <translation>Other action</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Store</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>数据包</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>审核条目</source>
        <translation>Review item</translation>
    </message>
    <message>
        <source>台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>交换密钥</source>
        <translation>Exchange key</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This device</translation>
    </message>
    <message>
        <source>导入的表格</source>
        <translation>Imported table</translation>
    </message>
    <message>
        <source>该事件缺失（被删除）</source>
        <translation>the event is missing (removed)</translation>
    </message>
    <message>
        <source>该事件与前一事件的链接不符</source>
        <translation>the event does not link to the one before it</translation>
    </message>
    <message>
        <source>该事件的内容被修改</source>
        <translation>the event&apos;s content was altered</translation>
    </message>
    <message>
        <source>最新的事件被截去</source>
        <translation>the newest events were cut off</translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <source>每日自动</source>
        <translation>Daily (automatic)</translation>
    </message>
    <message>
        <source>退出时自动</source>
        <translation>On exit (automatic)</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>更换密钥后</source>
        <translation>After a key change</translation>
    </message>
    <message>
        <source>今天的自动备份没有完成：</source>
        <translation>Today&apos;s automatic backup did not complete: </translation>
    </message>
    <message>
        <source>意外错误，详见日志</source>
        <translation>unexpected error, see the log</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <source>发生了意外错误，本次操作没有完成。详细信息已写入日志文件，可交给技术支持人员查看。</source>
        <translation>An unexpected error stopped this operation. Details are in the log file for technical support.</translation>
    </message>
    <message>
        <source>无法完成操作</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>display</name>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>logs</name>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序遇到一个内部错误，刚才的操作没有完成。已保存的数据不受影响。
错误已记录在日志中（不含个人信息）：%1
请联系技术支持并提供该日志。</source>
        <translation>The program met an internal error; the last action was not completed. Saved data is not affected.
The error is recorded in the log (without personal data): %1
Please contact support and give them this log.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>打印/导出PDF</source>
        <translation>Print / PDF</translation>
    </message>
    <message>
        <source>请先选择要打印的儿童。</source>
        <translation>Select the children to print first.</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <source>已导出 %1 个PDF文件：
%2

是否现在打开（可在阅读器中打印）？</source>
        <translation>%1 PDF file(s) written:
%2

Open now (print from the viewer)?</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在生成儿童档案PDF……</source>
        <translation>Writing child file PDFs…</translation>
    </message>
    <message>
        <source>儿童档案合订本_%1人_%2</source>
        <translation>child-files_%1-children_%2</translation>
    </message>
    <message>
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>儿童</source>
        <translation>Child</translation>
    </message>
    <message>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>tableimport</name>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>无变化</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
</context>
</TS>
