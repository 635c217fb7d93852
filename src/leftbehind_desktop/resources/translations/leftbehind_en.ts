<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="88" />
        <source>演示数据库的密码是：</source>
        <translation>The demo store's passphrase is: </translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="122" />
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="123" />
        <source>正在生成演示数据……</source>
        <translation>Generating demo data…</translation>
    </message>
</context>
<context>
    <name>BoolEditor</name>
    <message>
        <location filename="../../ui/editors.py" line="223" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
</context>
<context>
    <name>ChildFilePage</name>
    <message>
        <location filename="../../ui/childfile_page.py" line="108" />
        <source>编辑基本信息</source>
        <translation>Edit basic information</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="108" />
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="109" />
        <source>登记委托监护</source>
        <translation>Record entrustment</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="109" />
        <source>添加家庭成员</source>
        <translation>Add family member</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="110" />
        <source>标记重点对象</source>
        <translation>Mark priority case</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="110" />
        <location filename="../../ui/childfile_page.py" line="141" />
        <source>强制报告</source>
        <translation>Mandatory report</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="111" />
        <location filename="../../ui/childfile_page.py" line="142" />
        <source>评估帮扶</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="111" />
        <location filename="../../ui/childfile_page.py" line="142" />
        <source>结对帮扶</source>
        <translation>Pairing</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="112" />
        <source>退出登记</source>
        <translation>Exit register</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="112" />
        <source>打印/导出PDF</source>
        <translation>Print / PDF</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="127" />
        <source>基本信息</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="132" />
        <source>家庭成员（父母务工地点与联系方式）</source>
        <translation>Family members (parents' work place and contact)</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="133" />
        <source>委托监护</source>
        <translation>Entrustment</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="139" />
        <source>家庭与监护</source>
        <translation>Family and guardianship</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="140" />
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="140" />
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="148" />
        <source>解除所选重点对象</source>
        <translation>Close the selected priority case</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="161" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="161" />
        <source>操作人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="162" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="162" />
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="166" />
        <source>变更记录</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="197" />
        <source>%1岁</source>
        <translation>%1 years</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="199" />
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="202" />
        <source>重点对象：</source>
        <translation>Priority case: </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/childfile_page.py" line="205" />
        <source>未结案强制报告：%n 件</source>
        <translation><numerusform>Open mandatory reports: %n</numerusform><numerusform>Open mandatory reports: %n</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="253" />
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="253" />
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="254" />
        <source>更正</source>
        <translation>Amend</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="254" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="255" />
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="255" />
        <source>查看档案</source>
        <translation>Viewed file</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="256" />
        <source>打印档案</source>
        <translation>Printed file</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="278" />
        <source>原因：</source>
        <translation>Reason: </translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="280" />
        <source>自动：</source>
        <translation>Automatic: </translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="315" />
        <source>退出登记（请选择原因）</source>
        <translation>Exit from the register (choose a reason)</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="326" />
        <source>解除重点对象</source>
        <translation>Close priority case</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="326" />
        <source>请先选择一条未解除的重点对象记录。</source>
        <translation>Select an open priority case first.</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="331" />
        <source>解除重点对象（请填写解除原因）</source>
        <translation>Close priority case (enter the reason)</translation>
    </message>
</context>
<context>
    <name>ChildTableModel</name>
    <message>
        <location filename="../../ui/registry_model.py" line="37" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="38" />
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="39" />
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="40" />
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="41" />
        <source>公民身份号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="42" />
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="43" />
        <source>就学情况</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="44" />
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="45" />
        <source>居住情况</source>
        <translation>Living arrangement</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="46" />
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="47" />
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/registry_model.py" line="48" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <location filename="../../ui/editors.py" line="175" />
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../ui/exchange_page.py" line="24" />
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../../ui/exchange_page.py" line="27" />
        <source>季度数据包的导出（上报到街道）、导入（街道、区接收下级数据）和设备登记由同步模块提供，其界面尚未接入本程序。

目前可以使用命令行工具 leftbehind 完成这些操作。</source>
        <translation>Exporting quarterly packages (to the street office), importing them (street and district) and enrolling devices come from the sync module, whose screens are not part of the app yet.

For now use the command-line tool leftbehind for these tasks.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/firstrun.py" line="296" />
        <source>首次使用设置 · 农村留守儿童信息台账</source>
        <translation>First-run set-up · Left-behind children registry</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="306" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="307" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="308" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="309" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/formdialog.py" line="64" />
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="64" />
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="83" />
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="90" />
        <source>更正原因 &lt;span style='color:#c62828'&gt;*&lt;/span&gt;</source>
        <translation>Amendment reason &lt;span style='color:#c62828'&gt;*&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="93" />
        <source>该季度已上报，修改须说明原因</source>
        <translation>This quarter has been reported; a change needs a reason</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="105" />
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="107" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="146" />
        <source>已恢复上次未保存的内容（草稿）。</source>
        <translation>Unsaved input from last time restored (draft).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/formdialog.py" line="194" />
        <source>有%n项需要修改，请查看标红的字段。</source>
        <translation><numerusform>%n field needs correcting; see the fields marked red.</numerusform><numerusform>%n fields need correcting; see the fields marked red.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="242" />
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="243" />
        <source>填写的内容还没有保存，确定要放弃吗？</source>
        <translation>What you entered is not saved. Discard it?</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="245" />
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="246" />
        <source>继续填写</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="302" />
        <source>该儿童未满16周岁且单独居住，属于强制报告情形。</source>
        <translation>This child is under 16 and lives alone: a case for a mandatory report.</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="304" />
        <location filename="../../ui/formdialog.py" line="319" />
        <source>已自动标记重点对象：</source>
        <translation>Marked as priority case automatically: </translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="305" />
        <source>是否立即记录向公安机关的强制报告？</source>
        <translation>Record the mandatory report to the police now?</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="308" />
        <source>强制报告</source>
        <translation>Mandatory report</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="311" />
        <source>立即记录</source>
        <translation>Record now</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="312" />
        <source>稍后</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../ui/formdialog.py" line="318" />
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
</context>
<context>
    <name>LineEditor</name>
    <message>
        <location filename="../../ui/editors.py" line="92" />
        <source>18位，末位可为X</source>
        <translation>18 characters, the last may be X</translation>
    </message>
    <message>
        <location filename="../../ui/editors.py" line="94" />
        <source>手机号或区号-电话</source>
        <translation>Mobile, or area code-number</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.py" line="39" />
        <source>演示数据：本窗口中的儿童、家庭和走访记录全部是程序生成的虚构数据，不是真实人员。</source>
        <translation>DEMO DATA: every child, family and visit in this window is made up by the program; none is a real person.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="57" />
        <location filename="../../ui/mainwindow.py" line="193" />
        <source>【演示数据】</source>
        <translation>[DEMO] </translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="58" />
        <source>农村留守儿童信息台账</source>
        <translation>Left-behind children registry</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="65" />
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="65" />
        <source>儿童档案</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="65" />
        <source>一人一档</source>
        <translation>Child files</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="65" />
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="66" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="75" />
        <source>还没有打开任何儿童档案。请在“儿童档案”或“工作台”中双击一名儿童。</source>
        <translation>No child file is open. Double-click a child in Children or Workbench.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="99" />
        <source>已锁定。请输入密码解锁。</source>
        <translation>Locked. Enter the passphrase to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="112" />
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="118" />
        <source>查找儿童</source>
        <translation>Find a child</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="122" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="125" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="148" />
        <source>单位：%1（%2） · 信息员：%3 · 角色：%4</source>
        <translation>Unit: %1 (%2) · Officer: %3 · Role: %4</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindow.py" line="174" />
        <source>后台任务进行中，完成后才能锁定</source>
        <translation>A background task is running; locking when it is done</translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <location filename="../../ui/editors.py" line="48" />
        <source>（未填写）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <location filename="../../ui/firstrun.py" line="149" />
        <source>设置密码</source>
        <translation>Choose a passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="150" />
        <source>第三步：所有数据都加密保存，打开程序时需要输入这个密码。请设置不容易被猜到的密码。</source>
        <translation>Step 3: all data is stored encrypted; you enter this passphrase whenever you open the app. Choose one that is hard to guess.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="163" />
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="165" />
        <source>再次输入密码</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="166" />
        <source>建议使用一句话或多个词组合，至少%1个字符，可以包含汉字。</source>
        <translation>Use a sentence or several words, at least %1 characters; Chinese characters are fine.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="173" />
        <source>创建数据库</source>
        <translation>Create store</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="178" />
        <source>密码至少需要%1个字符</source>
        <translation>The passphrase needs at least %1 characters</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="181" />
        <source>两次输入的密码不一致</source>
        <translation>The two passphrases differ</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <location filename="../../ui/firstrun.py" line="201" />
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="202" />
        <source>第四步：忘记密码时，只能用恢复密钥找回数据。请立即打印或保存到U盘，并妥善保管。它只显示这一次。</source>
        <translation>Step 4: if the passphrase is forgotten, only this recovery key gets the data back. Print it or save it to a USB stick now and keep it safe. It is shown only once.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="212" />
        <source>打印……</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="215" />
        <source>保存到文件……</source>
        <translation>Save to file…</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="218" />
        <source>我已打印或保存恢复密钥，并会妥善保管</source>
        <translation>I have printed or saved the recovery key and will keep it safe</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="247" />
        <location filename="../../ui/firstrun.py" line="272" />
        <source>农村留守儿童信息台账 · 恢复密钥</source>
        <translation>Left-behind children registry · Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="248" />
        <location filename="../../ui/firstrun.py" line="272" />
        <source>单位：</source>
        <translation>Unit: </translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="251" />
        <source>请妥善保管，不要与电脑放在一起。忘记密码时用它重设密码。</source>
        <translation>Keep it safe, not with the computer. Use it to set a new passphrase if the passphrase is forgotten.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="261" />
        <source>已发送到打印机。</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="264" />
        <source>保存恢复密钥</source>
        <translation>Save recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="265" />
        <source>恢复密钥.txt</source>
        <translation>recovery-key.txt</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="265" />
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="282" />
        <source>已保存到：</source>
        <translation>Saved to: </translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../ui/registry_page.py" line="46" />
        <source>搜索：姓名、身份证号开头或拼音首字母（如 zxm）</source>
        <translation>Search: name, start of ID number, or pinyin initials (e.g. zxm)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="57" />
        <source>在册</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="58" />
        <source>已退出</source>
        <translation>Exited</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="59" />
        <location filename="../../ui/registry_page.py" line="124" />
        <location filename="../../ui/registry_page.py" line="137" />
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="60" />
        <source>任一重点原因</source>
        <translation>Any priority reason</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="71" />
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="71" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="72" />
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="72" />
        <source>监护类型</source>
        <translation>Guardianship</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="73" />
        <source>就学</source>
        <translation>Schooling</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="98" />
        <source>登记新儿童</source>
        <translation>Register a child</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="101" />
        <source>打印/导出PDF（所选）</source>
        <translation>Print / PDF (selected)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="110" />
        <source>儿童档案</source>
        <translation>Children</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/registry_page.py" line="159" />
        <source>共 %n 名儿童</source>
        <translation><numerusform>%n child</numerusform><numerusform>%n children</numerusform></translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../ui/firstrun.py" line="33" />
        <source>村（社区）信息员</source>
        <translation>Village (community) officer</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="34" />
        <source>街道信息员 / 民政助理</source>
        <translation>Street office officer</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="35" />
        <source>区民政局</source>
        <translation>District civil-affairs bureau</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="78" />
        <source>欢迎使用农村留守儿童信息台账</source>
        <translation>Welcome to the left-behind children registry</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="79" />
        <source>第一步：请选择本机的使用单位级别。</source>
        <translation>Step 1: choose the level of the office using this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="90" />
        <source>村（社区）信息员登记儿童、记录走访并每季度上报；街道和区导入、审核并汇总下级上报的数据。</source>
        <translation>Village officers register children, record visits and report each quarter; street offices and the district import, review and merge the packages from below.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="29" />
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="30" />
        <location filename="../../ui/settings_page.py" line="31" />
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="38" />
        <source>标准</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="38" />
        <source>较大</source>
        <translation>Large</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="39" />
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="45" />
        <source>工作规则</source>
        <translation>Work rules</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="47" />
        <source>无操作自动锁定</source>
        <translation>Lock after idle</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="48" />
        <source>重点对象走访间隔</source>
        <translation>Priority case visit interval</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="49" />
        <source>季度数据包截止（季度结束后）</source>
        <translation>Quarterly package deadline (after quarter end)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="50" />
        <source>界面</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="52" />
        <source>语言（重新启动后生效）</source>
        <translation>Language (after restart)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="53" />
        <source>字体大小</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="54" />
        <source>数据库</source>
        <translation>Store</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="56" />
        <source>存放位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="57" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="63" />
        <location filename="../../ui/settings_page.py" line="112" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="109" />
        <source>设置已保存。</source>
        <translation>Settings saved. </translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="111" />
        <source>界面语言将在重新启动程序后生效。</source>
        <translation>The language changes after a restart.</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <location filename="../../ui/firstrun.py" line="67" />
        <source>太短（至少%1个字符）</source>
        <translation>too short (at least %1 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="67" />
        <source>弱</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="68" />
        <source>一般</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="68" />
        <source>较强</source>
        <translation>good</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="68" />
        <source>强</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="72" />
        <source>密码强度：</source>
        <translation>Strength: </translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <location filename="../../ui/firstrun.py" line="104" />
        <source>单位与信息员</source>
        <translation>Unit and officer</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="105" />
        <source>第二步：填写本单位的12位统计用区划代码、单位名称和信息员姓名。</source>
        <translation>Step 2: enter the unit's 12-digit division code, its name and the officer's name.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="112" />
        <source>例如：大李家村</source>
        <translation>e.g. 大李家村</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="120" />
        <source>区划代码（12位）</source>
        <translation>Division code (12 digits)</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="121" />
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="122" />
        <source>信息员姓名</source>
        <translation>Officer's name</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="123" />
        <source>示例：区 210213000000，街道 210213001000，村 210213001001。</source>
        <translation>Examples: district 210213000000, street 210213001000, village 210213001001.</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="134" />
        <source>区划代码必须是12位数字</source>
        <translation>The division code must be 12 digits</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="137" />
        <source>区划代码的级别与所选单位级别不一致（村级代码后三位不为000，街道级代码后三位为000）</source>
        <translation>The code's level does not match the chosen level (a village code does not end in 000; a street code ends in 000)</translation>
    </message>
    <message>
        <location filename="../../ui/firstrun.py" line="140" />
        <source>请填写单位名称和信息员姓名</source>
        <translation>Enter the unit name and the officer's name</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../ui/unlock.py" line="40" />
        <source>解锁 · 农村留守儿童信息台账</source>
        <translation>Unlock · Left-behind children registry</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="47" />
        <source>数据已加密保存。请输入密码解锁。</source>
        <translation>The data is encrypted. Enter the passphrase to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="52" />
        <source>密码</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="54" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="58" />
        <source>忘记密码？使用恢复密钥</source>
        <translation>Forgot the passphrase? Use the recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="80" />
        <source>请输入初始化时打印或保存的恢复密钥，并设置新密码。</source>
        <translation>Enter the recovery key printed or saved at set-up, and choose a new passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="93" />
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="94" />
        <source>新密码</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="96" />
        <source>再次输入新密码</source>
        <translation>Repeat new passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="97" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="99" />
        <source>重设密码并解锁</source>
        <translation>Reset passphrase and unlock</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="116" />
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="122" />
        <source>农村留守儿童信息台账</source>
        <translation>Left-behind children registry</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="142" />
        <source>请输入密码</source>
        <translation>Enter the passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="149" />
        <source>正在解锁……</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="156" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passphrases differ</translation>
    </message>
    <message>
        <location filename="../../ui/unlock.py" line="163" />
        <source>正在验证恢复密钥……</source>
        <translation>Checking the recovery key…</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <location filename="../../ui/workbench_page.py" line="68" />
        <source>打开档案</source>
        <translation>Open file</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <location filename="../../ui/workbench_page.py" line="119" />
        <source>本月待走访 / 逾期</source>
        <translation>Visits due / overdue</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="120" />
        <location filename="../../ui/workbench_page.py" line="126" />
        <location filename="../../ui/workbench_page.py" line="132" />
        <location filename="../../ui/workbench_page.py" line="138" />
        <location filename="../../ui/workbench_page.py" line="144" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="120" />
        <location filename="../../ui/workbench_page.py" line="138" />
        <source>村（社区）</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="120" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="120" />
        <source>应走访日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="120" />
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="121" />
        <location filename="../../ui/workbench_page.py" line="127" />
        <source>记录走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="125" />
        <source>重点对象</source>
        <translation>Priority cases</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="126" />
        <location filename="../../ui/workbench_page.py" line="144" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="126" />
        <source>标记日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="126" />
        <source>专人负责</source>
        <translation>Designated person</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="126" />
        <source>下次走访</source>
        <translation>Next visit</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="131" />
        <source>未结案的强制报告</source>
        <translation>Open mandatory reports</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="132" />
        <source>报告情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="132" />
        <source>严重程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="132" />
        <source>报告时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="132" />
        <source>跟进状态</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="133" />
        <source>更新跟进</source>
        <translation>Update follow-up</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="137" />
        <source>缺少有效委托监护</source>
        <translation>No valid entrustment</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="139" />
        <source>登记委托监护</source>
        <translation>Record entrustment</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="143" />
        <source>建议退出登记</source>
        <translation>Proposed exits</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="144" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="145" />
        <source>办理退出</source>
        <translation>Exit register</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="157" />
        <source>季度数据包</source>
        <translation>Quarterly package</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="165" />
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="167" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="194" />
        <source>正在加载……</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="216" />
        <source>在册儿童 %1 名 · 待走访 %2 名（其中逾期 %3 名） · 截至 %4</source>
        <translation>%1 registered · %2 visits due (%3 overdue) · as of %4</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="222" />
        <source>逾期%1天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="222" />
        <source>本月待走访</source>
        <translation>due this month</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="232" />
        <source>从未走访</source>
        <translation>never visited</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="247" />
        <source>本月已走访</source>
        <translation>visited this month</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="286" />
        <source>应上报：%1 季度数据包，截止 %2</source>
        <translation>Due: package for %1, deadline %2</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="288" />
        <source>状态：已导出上报（已锁定至 %1）</source>
        <translation>Status: exported (locked through %1)</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="290" />
        <source>状态：已逾期，尚未导出</source>
        <translation>Status: overdue, not exported</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="292" />
        <source>状态：尚未导出，还剩 %1 天</source>
        <translation>Status: not exported yet, %1 days left</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="294" />
        <source>最近一次导出：%1</source>
        <translation>Last export: %1</translation>
    </message>
    <message>
        <location filename="../../ui/workbench_page.py" line="295" />
        <source>数据包的导出与导入在“数据交换”页进行。</source>
        <translation>Packages are exported and imported on the Data exchange page.</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../ui/dialogs.py" line="22" />
        <source>发生了意外错误，本次操作没有完成。详细信息已写入日志文件，可交给技术支持人员查看。</source>
        <translation>An unexpected error stopped this operation. Details are in the log file for technical support.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="32" />
        <source>无法完成操作</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>display</name>
    <message>
        <location filename="../../ui/childfile_page.py" line="42" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/childfile_page.py" line="43" />
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../ui/jobs.py" line="67" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="46" />
        <location filename="../../ui/printing.py" line="53" />
        <location filename="../../ui/printing.py" line="95" />
        <location filename="../../ui/printing.py" line="106" />
        <source>打印/导出PDF</source>
        <translation>Print / PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="47" />
        <location filename="../../ui/printing.py" line="107" />
        <source>请先选择要打印的儿童。</source>
        <translation>Select the children to print first.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="54" />
        <source>PDF导出模块尚未安装，暂时不能打印。</source>
        <translation>The PDF export module is not installed; printing is not available.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="74" />
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="75" />
        <source>已导出 %1 个PDF文件：
%2

是否现在打开（可在阅读器中打印）？</source>
        <translation>%1 PDF file(s) written:
%2

Open now (print from the viewer)?</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="81" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="82" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="96" />
        <source>正在生成儿童档案PDF……</source>
        <translation>Writing child file PDFs…</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="112" />
        <source>儿童档案</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="116" />
        <source>导出PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="118" />
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
</TS>