; Inno Setup script for jovianview's Windows installer (per-user or all users, Start menu entry,
; optional desktop icon, uninstaller). Not run in the project's own CI machine (Linux); the
; release workflow runs it on windows-latest. Built by packaging/build.py, which passes:
;   /DAppVersion=0.1.0 /DSourceDir=dist\jovianview /DOutputDir=dist /DIconFile=...\jovianview.ico
; By hand: iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\jovianview /DOutputDir=..\..\dist
;          /DIconFile=..\icons\jovianview.ico jovianview.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\jovianview"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\icons\jovianview.ico"
#endif

[Setup]
AppId={{6A0B5E1C-3F7D-4C8E-9B21-5D4A7E0C9F13}
AppName=jovianview
AppVersion={#AppVersion}
AppPublisher=jovianview developers
AppComments=Jupiter, the Galilean moons and NASA's Juno in 3D, offline
DefaultDirName={autopf}\jovianview
DefaultGroupName=jovianview
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=jovianview-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\jovianview.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\jovianview"; Filename: "{app}\jovianview.exe"
Name: "{group}\{cm:UninstallProgram,jovianview}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\jovianview"; Filename: "{app}\jovianview.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\jovianview.exe"; Description: "{cm:LaunchProgram,jovianview}"; Flags: nowait postinstall skipifsilent
