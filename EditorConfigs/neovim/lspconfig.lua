-- Tally with nvim-lspconfig (Neovim 0.8+). Put this in your init.lua.
vim.filetype.add({ extension = { tally = 'tally' } })

local configs = require('lspconfig.configs')
if not configs.tally then
  configs.tally = {
    default_config = {
      cmd = { 'tally', 'lsp' },
      filetypes = { 'tally' },
      root_dir = require('lspconfig.util').root_pattern('tally.json', '.git'),
      single_file_support = true,
    },
  }
end
require('lspconfig').tally.setup({})

-- Neovim 0.11+ without nvim-lspconfig:
--   vim.lsp.config('tally', { cmd = { 'tally', 'lsp' }, filetypes = { 'tally' },
--                             root_markers = { 'tally.json', '.git' } })
--   vim.lsp.enable('tally')
