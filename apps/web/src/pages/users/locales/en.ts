import type zh from "./zh-CN";

const en: typeof zh = {
  users: {
    title: "Users",
    searchPlaceholder: "Username or name",
    newUser: "New user",
    editUser: "Edit user",
    username: "Username",
    displayName: "Name",
    role: "Role",
    district: "District",
    enterprise: "Enterprise",
    organization: "Organisation",
    status: "Status",
    disabled: "Disabled",
    statusNormal: "Active",
    statusDisabled: "Disabled",
    statusLocked: "Locked",
    lockedUntil: "Locked until {{time}}",
    lastLoginAt: "Last sign-in",
    createdAt: "Created",
    demo: "Demo account",
    password: "Initial password",
    resetPassword: "Reset password",
    resetPasswordHint: "Leave empty to keep the password; a new password also clears a lock",
    unlock: "Unlock",
    unlockConfirm:
      "Unlock sign-in for this account? Its failure count is reset and its known browsers are trusted again.",
    unlocked: "Sign-in unlocked",
    enterpriseSearch: "Search by name or credit code",
    created: "User created",
    updated: "User updated",
    empty: "No users match the filters",
    usernameRule: "3–64 letters, digits, underscores, dots or hyphens",
    displayNameRequired: "Please enter a name",
    roleRequired: "Please choose a role",
    districtRequired: "A district bureau account must be bound to a district",
    enterpriseRequired: "An enterprise account must be bound to an enterprise",
    statusFilter: "Status",
  },
};

export default en;
