; 留守儿童信息管理 — Inno Setup script: per-user installer with a Chinese UI.
; Built and tested with Inno Setup 6.4.1 (Linux: ./dev bundle-windows runs it under Wine);
; also compiles with 6.6+ and 7.x (see the #if blocks). On Windows, from the repository root,
; after PyInstaller (see BUILD-WINDOWS.md):
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\leftbehind.iss
; Output: dist\leftbehind-desktop-<version>-windows-x64-setup.exe
; /DBundleDir=<folder> names the frozen program folder (default dist\leftbehind-desktop).
;
; * installs for the current user only, no administrator rights, into
;   %LOCALAPPDATA%\Programs\LeftbehindDesktop (written as {localappdata}\Programs, which is
;   what {userpf} means on Windows; Wine cannot expand {userpf})
; * Start-menu entry (and an optional desktop icon)
; * the uninstaller keeps the officer's data (%LOCALAPPDATA%\leftbehind-desktop) unless the
;   box "同时删除我的数据" is ticked and confirmed; a silent uninstall never deletes data
; * upgrading = running a newer installer: it replaces the program, never the data

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "留守儿童信息管理"
#define AppExe "leftbehind-desktop.exe"
#define DataDirName "leftbehind-desktop"
#ifndef BundleDir
  #define BundleDir "..\..\dist\leftbehind-desktop"
#endif
; Simplified Chinese messages. Inno Setup ships an official ChineseSimplified.isl only from
; 7.0.2 on; for older compilers the unofficial translation for 6.4 is committed next to this
; script (from Inno Setup's own source repository, see ChineseSimplified.isl.README.md).
#if Ver >= EncodeVer(7, 0, 2) && FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ZhIsl "compiler:Languages\ChineseSimplified.isl"
#else
  #define ZhIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#endif

[Setup]
AppId={{6F1C2B8E-4D3A-4E7B-9C51-2A8D0F3E7B64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=leftbehind-desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={localappdata}\Programs\LeftbehindDesktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=leftbehind-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\leftbehind-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ZhIsl}"

[CustomMessages]
chinesesimplified.DesktopIcon=在桌面上创建快捷方式
chinesesimplified.UninstallEntry=卸载 {#AppName}
chinesesimplified.CliEntry=命令行（leftbehind）
chinesesimplified.DeleteDataTitle=卸载 {#AppName}
chinesesimplified.DeleteDataIntro=程序文件将被删除。您的数据（加密数据库、设置和日志）默认会保留，以后重新安装即可继续使用。
chinesesimplified.DeleteDataBox=同时删除我的数据（无法恢复）
chinesesimplified.DeleteDataWhere=数据位置：
chinesesimplified.DeleteDataConfirm=确定要永久删除所有留守儿童数据吗？删除后无法恢复。如果还没有把数据报送或备份，请选“否”。
chinesesimplified.DataKept=您的数据已保留在：
chinesesimplified.Continue=继续卸载
chinesesimplified.Cancel=取消

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle: no stale libraries from the previous version
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "农村留守儿童信息台账"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteData: Boolean;

function DataDirs(): TArrayOfString;
begin
  SetArrayLength(Result, 2);
  Result[0] := ExpandConstant('{localappdata}\{#DataDirName}');  { store, logs in Logs\ (platformdirs) }
  Result[1] := ExpandConstant('{userappdata}\{#DataDirName}');   { QSettings: language, font size }
end;

{ A small form with an unticked box: deleting data must be a deliberate choice.
  Returns 1 = delete the data, 0 = keep it, -1 = the officer cancelled the uninstall. }
function AskDeleteData(): Integer;
var
  Dirs: TArrayOfString;
  Form: TSetupForm;
  Intro, Where: TNewStaticText;
  Box: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Result := -1;
  Dirs := DataDirs();
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(ScaleX(460), ScaleY(200), False, True);
#else
  { before 6.6 the form is created first and sized afterwards }
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(460);
  Form.ClientHeight := ScaleY(200);
  Form.KeepSizeY := True;
#endif
  try
    Form.Caption := CustomMessage('DeleteDataTitle');
    Intro := TNewStaticText.Create(Form);
    Intro.Parent := Form;
    Intro.Left := ScaleX(16); Intro.Top := ScaleY(16);
    Intro.Width := Form.ClientWidth - ScaleX(32);
    Intro.WordWrap := True;
    Intro.AutoSize := True;
    Intro.Caption := CustomMessage('DeleteDataIntro');
    Where := TNewStaticText.Create(Form);
    Where.Parent := Form;
    Where.Left := ScaleX(16); Where.Top := Intro.Top + Intro.Height + ScaleY(10);
    Where.Caption := CustomMessage('DeleteDataWhere') + ' ' + Dirs[0];
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16); Box.Top := Where.Top + Where.Height + ScaleY(14);
    Box.Width := Form.ClientWidth - ScaleX(32); Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('DeleteDataBox');
    Box.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Width := ScaleX(100); OkButton.Height := ScaleY(26);
    OkButton.Left := Form.ClientWidth - ScaleX(16 + 100 + 8 + 100);
    OkButton.Top := Form.ClientHeight - ScaleY(26 + 14);
    OkButton.Caption := CustomMessage('Continue');
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.Width := ScaleX(100); CancelButton.Height := ScaleY(26);
    CancelButton.Left := Form.ClientWidth - ScaleX(16 + 100);
    CancelButton.Top := OkButton.Top;
    CancelButton.Caption := CustomMessage('Cancel');
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;
    Form.ActiveControl := OkButton;
    if Form.ShowModal() = mrOk then
    begin
      if Box.Checked then
        Result := 1
      else
        Result := 0;
    end;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
var
  Choice: Integer;
begin
  Result := True;
  DeleteData := False;
  if UninstallSilent() then
    Exit;  { silent / scripted uninstalls never delete data }
  Choice := AskDeleteData();
  if Choice < 0 then
  begin
    Result := False;  { cancelled: nothing is removed }
    Exit;
  end;
  if Choice = 1 then
    DeleteData := MsgBox(CustomMessage('DeleteDataConfirm'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dirs: TArrayOfString;
  I: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  Dirs := DataDirs();
  if DeleteData then
  begin
    for I := 0 to GetArrayLength(Dirs) - 1 do
      if DirExists(Dirs[I]) then
        DelTree(Dirs[I], True, True, True);
  end
  else if DirExists(Dirs[0]) and not UninstallSilent() then
    MsgBox(CustomMessage('DataKept') + #13#10 + Dirs[0], mbInformation, MB_OK);
end;
